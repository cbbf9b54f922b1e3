package dev.tandem.replay;

import dev.tandem.cache.internal.Hex;
import dev.tandem.cache.internal.Sha256;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.processing.Filer;
import javax.annotation.processing.FilerException;
import javax.lang.model.element.Element;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.tools.FileObject;
import javax.tools.JavaFileManager;
import javax.tools.StandardLocation;

/**
 * The state of a name a processor looks up ({@code Elements.getTypeElement} and the like): absent, or the
 * digest of everything reachable from what it names; and of a file it reads through the Filer ({@code
 * getResource}): absent, or the digest of its content. A manifest of these, recorded while the processor ran, is
 * checked before any replay, as ccache's direct mode checks the headers a compilation read.
 */
final class Lookups {
    static final String ABSENT = "absent";
    static final String UNKNOWN = "unknown";
    private static final String RESOURCE = "resource ";

    private final Elements elements;
    private final Signatures signatures;
    private final Filer filer;
    /** States of this round: a type generated in this round is there in the next. */
    private final Map<String, String> states = new HashMap<>();

    Lookups(Elements elements, Signatures signatures, Filer filer) {
        this.elements = elements;
        this.signatures = signatures;
        this.filer = filer;
    }

    /**
     * The manifest name of a file read through the Filer ({@code resource CLASS_OUTPUT META-INF|orm.xml}); null when
     * the name cannot be written into a manifest.
     */
    static String resource(JavaFileManager.Location location, CharSequence moduleAndPkg, CharSequence name) {
        String line = RESOURCE + location.getName() + " " + moduleAndPkg + "|" + name;
        return line.indexOf('\t') >= 0 || line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0 ? null : line;
    }

    void newRound() {
        states.clear();
    }

    /** The current state of a recorded name ({@code type a.B}, {@code package a}, {@code module m}, a resource). */
    String state(String name) {
        if (name.startsWith(RESOURCE)) {
            return resourceState(name.substring(RESOURCE.length())); // a file can change within a round
        }
        return states.computeIfAbsent(name, this::compute);
    }

    /** The SHA-256 of a resource's content as the Filer reads it now; absent, or unknown when it cannot be read. */
    private String resourceState(String resource) {
        try {
            int space = resource.indexOf(' ');
            int bar = resource.indexOf('|', space);
            StandardLocation location = StandardLocation.valueOf(resource.substring(0, space));
            FileObject file =
                    filer.getResource(location, resource.substring(space + 1, bar), resource.substring(bar + 1));
            try (InputStream in = file.openInputStream()) {
                return Hex.of(Sha256.newDigest().digest(in.readAllBytes()));
            }
        } catch (FileNotFoundException | NoSuchFileException absent) {
            return ABSENT;
        } catch (FilerException | IllegalArgumentException refused) {
            // javac refuses the name (Hibernate asks for "/META-INF", and falls back to its class loader): the
            // processor met the same refusal, and will again
            return "refused: " + refused.getMessage();
        } catch (IOException | RuntimeException unreadable) {
            return UNKNOWN; // a foreign location, an unreadable file
        }
    }

    private String compute(String name) {
        try {
            int space = name.indexOf(' ');
            String what = name.substring(0, space);
            String qualified = name.substring(space + 1);
            int slash = qualified.indexOf('/');
            ModuleElement module = null;
            if (slash >= 0) { // a look-up in one module ("" is the unnamed one, the class path)
                module = elements.getModuleElement(qualified.substring(0, slash));
                if (module == null) {
                    return ABSENT;
                }
                qualified = qualified.substring(slash + 1);
            }
            switch (what) {
                case "type":
                    TypeElement type = module == null
                            ? elements.getTypeElement(qualified)
                            : elements.getTypeElement(module, qualified);
                    return type == null ? ABSENT : digest(signatures.closure(type));
                case "package":
                    PackageElement pkg = module == null
                            ? elements.getPackageElement(qualified)
                            : elements.getPackageElement(module, qualified);
                    if (pkg == null) {
                        return ABSENT;
                    }
                    List<String> members = new ArrayList<>();
                    for (Element member : pkg.getEnclosedElements()) {
                        members.add(member.getSimpleName().toString());
                    }
                    java.util.Collections.sort(members);
                    return digest(signatures.closure(pkg)) + " " + String.join(",", members);
                case "module":
                    return elements.getModuleElement(qualified) == null ? ABSENT : "present";
                default:
                    return UNKNOWN;
            }
        } catch (RuntimeException e) {
            return UNKNOWN;
        }
    }

    private static String digest(String closure) {
        return closure == null ? UNKNOWN : closure;
    }

    /** The first name of a manifest whose state is not what was recorded; null when every line holds now. */
    String firstChange(String manifest) {
        for (String line : manifest.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            int tab = line.indexOf('\t');
            if (tab < 0) {
                return line;
            }
            String name = line.substring(0, tab);
            if (!line.substring(tab + 1).equals(state(name))) {
                return name;
            }
        }
        return null;
    }
}
