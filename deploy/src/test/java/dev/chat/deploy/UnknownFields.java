package dev.chat.deploy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Finds fields the Kubernetes API does not define. fabric8's model keeps any field it does not know in
 * {@code additionalProperties} rather than failing, so every object of the model is walked for them.
 */
final class UnknownFields {

    private UnknownFields() {
    }

    static void find(Object value, String path, List<String> found) {
        if (value == null || !value.getClass().getName().startsWith("io.fabric8.")) {
            if (value instanceof Collection<?> items) {
                int i = 0;
                for (Object item : items) {
                    find(item, path + "[" + i++ + "]", found);
                }
            } else if (value instanceof Map<?, ?> map) {
                map.forEach((key, item) -> find(item, path + "." + key, found));
            }
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
                continue;
            }
            Object field = invoke(getter, value);
            if (getter.getName().equals("getAdditionalProperties")) {
                if (field instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    found.add(path + ": fields the API does not define: " + extra.keySet());
                }
            } else {
                find(field, path + "." + decapitalize(getter.getName().substring(3)), found);
            }
        }
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            return null;
        }
    }

    private static String decapitalize(String name) {
        return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
