package dev.tandem.replay;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * The state of a name a processor looks up ({@code Elements.getTypeElement} and the like): absent, or the
 * digest of everything reachable from what it names. A manifest of these, recorded while the processor ran, is
 * checked before any replay, as ccache's direct mode checks the headers a compilation read.
 */
final class Lookups {
    static final String ABSENT = "absent";
    static final String UNKNOWN = "unknown";

    private final Elements elements;
    private final Signatures signatures;
    /** States of this round: a type generated in this round is there in the next. */
    private final Map<String, String> states = new HashMap<>();

    Lookups(Elements elements, Signatures signatures) {
        this.elements = elements;
        this.signatures = signatures;
    }

    void newRound() {
        states.clear();
    }

    /** The current state of a recorded name ({@code type a.B}, {@code package a}, {@code module m}). */
    String state(String name) {
        return states.computeIfAbsent(name, this::compute);
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
