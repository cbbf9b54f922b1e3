package dev.tandem.replay;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * javac's round loop over the processors of the path ({@code JavacProcessingEnvironment.discoverAndRunProcs}): in
 * path order, each processor reached is initialised if new, handed the annotations it supports among those no
 * earlier processor claimed, and, once it has been called, called in every later round; the loop stops when every
 * annotation is claimed. In the last round only processors that have been called are called again. Then each
 * stores what it recorded, and the compilation's one summary line is printed.
 */
final class Rounds {
    private final Compilation compilation;
    private final Discovery discovery;
    private boolean finished;

    Rounds(Compilation compilation, Discovery discovery) {
        this.compilation = compilation;
        this.discovery = discovery;
    }

    List<Delegate> discovered() {
        return discovery.discovered();
    }

    void process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        if (finished) {
            return;
        }
        compilation.newRound();
        RoundView view = new RoundView(round);
        if (round.processingOver()) {
            for (Delegate delegate : discovery.discovered()) {
                if (delegate.contributed) {
                    delegate.strategy.process(Collections.emptySet(), view);
                }
            }
            finish(round);
            return;
        }
        Map<String, TypeElement> unmatched = new LinkedHashMap<>();
        for (TypeElement annotation : annotations) {
            unmatched.put(annotation.getQualifiedName().toString(), annotation);
        }
        if (unmatched.isEmpty()) {
            unmatched.put("", null); // gives "*" processors their chance, as javac does
        }
        int i = 0;
        for (; !unmatched.isEmpty() && discovery.has(i); i++) {
            Delegate delegate = discovery.get(i);
            Set<String> matched = new LinkedHashSet<>();
            Set<TypeElement> types = new LinkedHashSet<>();
            for (Map.Entry<String, TypeElement> entry : unmatched.entrySet()) {
                if (delegate.supports(entry.getKey())) {
                    matched.add(entry.getKey());
                    if (entry.getValue() != null) {
                        types.add(entry.getValue());
                    }
                }
            }
            if (!matched.isEmpty() || delegate.contributed) {
                boolean claimed = delegate.strategy.process(types, view);
                delegate.contributed = true;
                if (claimed) {
                    unmatched.keySet().removeAll(matched);
                }
            }
        }
        // javac's runContributingProcs: those the loop did not reach that have been called before
        List<Delegate> all = discovery.discovered();
        for (; i < all.size(); i++) {
            if (all.get(i).contributed) {
                all.get(i).strategy.process(Collections.emptySet(), view);
            }
        }
    }

    /** The last round: store, warn of options nobody read, say in one line what happened. */
    private void finish(RoundEnvironment last) {
        finished = true;
        List<Delegate> delegates = discovery.discovered();
        for (Delegate delegate : delegates) {
            delegate.strategy.finish(last);
        }
        Set<String> unmatched = Discovery.unmatched(compilation.ownerlessOptions(), delegates);
        if (!unmatched.isEmpty()) {
            // javac's own warning: it sees ReplayProcessor accept every option, so it cannot give it itself
            compilation
                    .env
                    .getMessager()
                    .printMessage(
                            Diagnostic.Kind.WARNING,
                            "The following options were not recognized by any processor: '" + unmatched + "'");
        }
        String summary = summary(delegates);
        if (summary != null) {
            compilation.note(summary);
            if (compilation.outputs != null) {
                compilation.outputs.summary = summary;
            }
        }
        if (compilation.debug) {
            long processors = 0;
            for (Delegate delegate : delegates) {
                processors += delegate.nanos;
            }
            compilation.note("Tandem replay: " + compilation.ownNanos / 1_000_000
                    + " ms deciding, replaying and storing (keys " + compilation.keyNanos / 1_000_000
                    + " ms, looked-up types " + compilation.lookupNanos / 1_000_000 + " ms, files replayed "
                    + compilation.writeNanos / 1_000_000 + " ms, storing " + compilation.storeNanos / 1_000_000
                    + " ms); " + processors / 1_000_000 + " ms in the processors");
        }
    }

    /** "Tandem replay: MapStruct 498 replayed, 2 run (new or changed); Lombok (...) ran", or null. */
    private static String summary(List<Delegate> delegates) {
        Map<String, Integer> products = new HashMap<>();
        for (Delegate delegate : delegates) {
            products.merge(Product.of(delegate.className), 1, Integer::sum);
        }
        Set<String> parts = new LinkedHashSet<>(); // Lombok's two processors say the same: once
        for (Delegate delegate : delegates) {
            if (delegate.contributed) {
                String product = Product.of(delegate.className);
                boolean several = products.get(product) > 1 && !(delegate.strategy instanceof PassThrough);
                parts.add(delegate.strategy.summary(delegate.name(several)));
            }
        }
        return parts.isEmpty() ? null : "Tandem replay: " + String.join("; ", new ArrayList<>(parts));
    }
}
