package dev.logreg.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Source URIs as Hadoop's {@code Path} reads them, normalised so that a prefix check cannot be escaped:
 * {@code scheme:[//authority]/path} with no query or fragment (Hadoop reads {@code ?} and {@code #} as
 * part of the path), the path's {@code .} and {@code ..} segments resolved lexically as Hadoop does
 * before it reads. A URI is refused when its path would climb above the root, when a segment is a dot
 * segment written with percent escapes, or when it holds a brace or backslash (Hadoop's glob expansion
 * turns {@code {..}} into a dot segment after this check).
 */
final class SourceUris {

    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*");
    private static final Pattern ESCAPED_DOT = Pattern.compile("(?i)%2e");

    private SourceUris() {}

    /** A URI split and normalised: the comparison key and the text Spark reads. */
    private record Normalised(String key, String text) {}

    /** Whether {@code prefix} is a usable entry of logreg.spark.allowed-sources. */
    static boolean validPrefix(String prefix) {
        Normalised normalised = prefix == null ? null : normalise(prefix);
        return normalised != null && normalised.text().equals(prefix);
    }

    /**
     * Whether {@code uri}, normalised, is one of {@code prefixes} or lies under one: the same scheme and
     * authority (case-insensitive) and a path that equals the prefix's path or continues it past a
     * {@code /}, so {@code file:///data} admits {@code file:///data/x} but not {@code file:///data2}.
     */
    static boolean allowed(String uri, List<String> prefixes) {
        Normalised candidate = normalise(uri);
        if (candidate == null) {
            return false;
        }
        for (String prefix : prefixes) {
            Normalised allowed = normalise(prefix);
            if (allowed == null) {
                continue;
            }
            String key = allowed.key();
            String directory = key.endsWith("/") ? key : key + "/";
            if (candidate.key().equals(key) || candidate.key().startsWith(directory)) {
                return true;
            }
        }
        return false;
    }

    /** {@code uri} normalised, as Spark should read it; null when it is refused. */
    static String normalised(String uri) {
        Normalised normalised = normalise(uri);
        return normalised == null ? null : normalised.text();
    }

    private static Normalised normalise(String uri) {
        int colon = uri.indexOf(':');
        if (colon <= 0 || !SCHEME.matcher(uri.substring(0, colon)).matches()) {
            return null;
        }
        if (uri.chars().anyMatch(c -> c == '{' || c == '}' || c == '\\' || Character.isISOControl(c))) {
            return null;
        }
        String scheme = uri.substring(0, colon);
        String rest = uri.substring(colon + 1);
        String authority = null;
        if (rest.startsWith("//")) {
            int slash = rest.indexOf('/', 2);
            authority = slash < 0 ? rest.substring(2) : rest.substring(2, slash);
            rest = slash < 0 ? "" : rest.substring(slash);
        }
        if (!rest.startsWith("/")) {
            return null;
        }
        String path = normalisePath(rest);
        if (path == null) {
            return null;
        }
        String key = scheme.toLowerCase(Locale.ROOT) + "://"
                + (authority == null ? "" : authority.toLowerCase(Locale.ROOT)) + path;
        String text = scheme + ":" + (authority == null ? "" : "//" + authority) + path;
        return new Normalised(key, text);
    }

    /** An absolute path, dot segments resolved and repeated slashes merged; null if it climbs above the root. */
    private static String normalisePath(String path) {
        List<String> segments = new ArrayList<>();
        String[] parts = path.split("/", -1);
        for (int k = 1; k < parts.length; k++) {
            String segment = parts[k];
            boolean last = k == parts.length - 1;
            if (segment.equals(".") || (segment.isEmpty() && !last)) {
                continue;
            }
            if (segment.equals("..")) {
                if (segments.isEmpty()) {
                    return null;
                }
                segments.remove(segments.size() - 1);
                continue;
            }
            String unescaped = ESCAPED_DOT.matcher(segment).replaceAll(".");
            if (unescaped.equals(".") || unescaped.equals("..")) {
                return null;
            }
            segments.add(segment);
        }
        return "/" + String.join("/", segments);
    }
}
