import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Checks every link of a staged site: each relative href or src must name a file of the site, and each #fragment
 * an id (or a name) in that page. External links are counted, not fetched: the site must not break when a
 * machine has no network. Run with the JDK alone: {@code java src/build/LinkCheck.java target/staging}; exits 1
 * and prints one line per broken link when any is broken.
 */
public final class LinkCheck {
    private static final Pattern LINK = Pattern.compile("\\s(href|src)\\s*=\\s*\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern ANCHOR = Pattern.compile("\\s(id|name)\\s*=\\s*\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);

    private final Path root;
    private final Map<Path, Set<String>> anchors = new HashMap<>();

    private LinkCheck(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1 || !Files.isDirectory(Paths.get(args[0]))) {
            System.err.println("LinkCheck: give the staged site's directory (run ./mvnw site site:stage first); got "
                    + String.join(" ", args));
            System.exit(2);
        }
        LinkCheck check = new LinkCheck(Paths.get(args[0]));
        List<String> broken = new ArrayList<>();
        Set<String> external = new TreeSet<>();
        List<Path> pages;
        try (Stream<Path> files = Files.walk(check.root)) {
            pages = files.filter(p -> p.toString().endsWith(".html")).sorted().collect(Collectors.toList());
        }
        int links = 0;
        for (Path page : pages) {
            String html = Files.readString(page);
            check.anchors.put(page.toAbsolutePath().normalize(), anchorsIn(html));
            Matcher m = LINK.matcher(html);
            while (m.find()) {
                links++;
                String target = m.group(2).replace("&amp;", "&").trim();
                String problem = check.problem(page, target, external);
                if (problem != null) {
                    broken.add(check.root.relativize(page) + ": " + m.group(1) + "=\"" + target + "\": " + problem);
                }
            }
        }
        System.out.println("LinkCheck: " + pages.size() + " pages, " + links + " links, " + broken.size()
                + " broken; " + external.size() + " external addresses not fetched");
        broken.forEach(b -> System.out.println("  BROKEN " + b));
        if (!broken.isEmpty()) {
            System.exit(1);
        }
    }

    /** @return why the link is broken, or null */
    private String problem(Path page, String target, Set<String> external) {
        if (target.isEmpty() || target.startsWith("javascript:") || target.startsWith("data:")) {
            return null;
        }
        String lower = target.toLowerCase();
        if (lower.startsWith("http:") || lower.startsWith("https:") || lower.startsWith("mailto:")
                || target.startsWith("//")) {
            external.add(target);
            return null;
        }
        int hash = target.indexOf('#');
        String path = hash < 0 ? target : target.substring(0, hash);
        String fragment = hash < 0 ? null : URLDecoder.decode(target.substring(hash + 1), StandardCharsets.UTF_8);
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        Path file;
        if (path.isEmpty()) {
            file = page;
        } else {
            if (path.startsWith("/")) {
                return "absolute path: the site is served from any directory, use a relative link";
            }
            file = page.getParent().resolve(URLDecoder.decode(path, StandardCharsets.UTF_8)).normalize();
            if (!file.startsWith(root)) {
                return "points outside the site";
            }
            if (Files.isDirectory(file)) {
                file = file.resolve("index.html");
            }
            if (!Files.isRegularFile(file)) {
                return "no such file " + root.relativize(file);
            }
        }
        if (fragment == null || fragment.isEmpty() || !file.toString().endsWith(".html")) {
            return null;
        }
        if (root.relativize(page).toString().contains("apidocs/") && file.equals(page)) {
            // javadoc's own index of a page (JDK 17's constant-values.html links #dev.tandem, the package prefix,
            // for a section it names #dev.tandem.cache): its files are checked, its in-page anchors are javadoc's
            return null;
        }
        return anchorsOf(file).contains(fragment) ? null : "no anchor #" + fragment + " in " + root.relativize(file);
    }

    /** A page's anchors are read with its links; a linked file that is not a page is read here. */
    private Set<String> anchorsOf(Path file) {
        return anchors.computeIfAbsent(file, f -> {
            try {
                return anchorsIn(Files.readString(f));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static Set<String> anchorsIn(String html) {
        Set<String> ids = new HashSet<>();
        Matcher m = ANCHOR.matcher(html);
        while (m.find()) {
            // javadoc writes a constructor's anchor as id="&lt;init&gt;(...)"
            ids.add(m.group(2)
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", "\"")
                    .replace("&amp;", "&"));
        }
        return ids;
    }
}
