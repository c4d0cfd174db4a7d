package dev.logreg.math;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The solvers clients can choose by name. */
public final class Solvers {

    private static final Map<String, Solver> BY_NAME = new LinkedHashMap<>();

    static {
        register(new NewtonSolver());
        register(new GradientDescentSolver());
        register(new SgdSolver());
        register(new LbfgsSolver());
    }

    private Solvers() {}

    private static void register(Solver solver) {
        BY_NAME.put(solver.name(), solver);
    }

    /** The solver called {@code name}, if there is one. */
    public static Optional<Solver> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** Every solver's name, the default ({@code newton}) first. */
    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }
}
