package dev.logreg.model;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/** The default store: models in memory, lost on restart. */
@Component
class InMemoryModelStore implements ModelStore {

    private record Entry(long sequence, Model model) {
    }

    private final Map<String, Entry> byId = new ConcurrentHashMap<>();
    private final ConcurrentSkipListMap<Long, Model> newestFirst =
            new ConcurrentSkipListMap<>(java.util.Comparator.reverseOrder());
    private final AtomicLong sequence = new AtomicLong();

    @Override
    public synchronized void put(Model model) {
        long next = sequence.incrementAndGet();
        Entry previous = byId.put(model.id(), new Entry(next, model));
        if (previous != null) {
            newestFirst.remove(previous.sequence());
        }
        newestFirst.put(next, model);
    }

    @Override
    public Optional<Model> find(String id) {
        Entry entry = byId.get(id);
        return entry == null ? Optional.empty() : Optional.of(entry.model());
    }

    @Override
    public ModelPage list(int page, int size) {
        long total = newestFirst.size();
        List<Model> content = new ArrayList<>(size);
        long skip = (long) page * size;
        Iterator<Model> models = newestFirst.values().iterator();
        for (long i = 0; i < skip && models.hasNext(); i++) {
            models.next();
        }
        while (content.size() < size && models.hasNext()) {
            content.add(models.next());
        }
        int totalPages = (int) ((total + size - 1) / size);
        return new ModelPage(content, page, size, total, totalPages);
    }

    @Override
    public synchronized boolean delete(String id) {
        Entry removed = byId.remove(id);
        if (removed == null) {
            return false;
        }
        newestFirst.remove(removed.sequence());
        return true;
    }

    @Override
    public int count() {
        return byId.size();
    }
}
