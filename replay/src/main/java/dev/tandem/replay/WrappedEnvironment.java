package dev.tandem.replay;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.util.Elements;

/**
 * The processing environment an isolating processor sees. It is a {@link Proxy}, not a class of ours, because
 * processors write the environment's class into their output (MapStruct's {@code @Generated} comment says
 * "compiler: javac" only for javac's class or a proxy whose {@code toString()} is javac's), and every method not
 * wrapped here, including ones newer JDKs add, goes straight to javac's. Elements and types themselves are never
 * wrapped (processors test them with {@code instanceof}); only the Filer, the Messager and the Elements utility,
 * which records the names the processor looks up.
 */
final class WrappedEnvironment {
    private WrappedEnvironment() {}

    static ProcessingEnvironment wrap(
            ProcessingEnvironment env, Recording recording, Lookups lookups, Replayed replayed, Outputs outputs) {
        Filer filer = new RecordingFiler(env.getFiler(), recording, replayed, outputs, lookups);
        Messager messager = new RecordingMessager(env.getMessager(), recording);
        Elements elements = recordingElements(env.getElementUtils(), recording, lookups);
        ClassLoader loader = WrappedEnvironment.class.getClassLoader();
        return (ProcessingEnvironment) Proxy.newProxyInstance(
                loader, new Class<?>[] {ProcessingEnvironment.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getFiler":
                            return filer;
                        case "getMessager":
                            return messager;
                        case "getElementUtils":
                            return elements;
                        case "equals":
                            return proxy == args[0];
                        case "hashCode":
                            return System.identityHashCode(proxy);
                        default:
                            return forward(env, method, args);
                    }
                });
    }

    private static Elements recordingElements(Elements real, Recording recording, Lookups lookups) {
        InvocationHandler handler = (proxy, method, args) -> {
            Object result = forward(real, method, args);
            String name = lookedUp(method, args);
            if (name != null) {
                recording.lookup(name, lookups);
            }
            return result;
        };
        return (Elements) Proxy.newProxyInstance(
                WrappedEnvironment.class.getClassLoader(), new Class<?>[] {Elements.class}, handler);
    }

    /** The manifest name of a look-up by name, or null for any other call. */
    static String lookedUp(Method method, Object[] args) {
        if (args == null || args.length == 0) {
            return null;
        }
        Object last = args[args.length - 1];
        if (!(last instanceof CharSequence)) {
            return null;
        }
        String name = last.toString();
        String module = args.length == 2 && args[0] instanceof ModuleElement
                ? ((ModuleElement) args[0]).getQualifiedName() + "/"
                : "";
        switch (method.getName()) {
            case "getTypeElement":
            case "getAllTypeElements":
                return module.isEmpty() ? "type " + name : "type " + module + name;
            case "getPackageElement":
            case "getAllPackageElements":
                return module.isEmpty() ? "package " + name : "package " + module + name;
            case "getModuleElement":
                return "module " + name;
            default:
                return null;
        }
    }

    private static Object forward(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
