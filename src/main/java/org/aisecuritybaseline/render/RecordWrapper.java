package org.aisecuritybaseline.render;

import freemarker.template.DefaultObjectWrapper;
import freemarker.template.SimpleScalar;
import freemarker.template.TemplateHashModel;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import freemarker.template.Version;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * FreeMarker's default object wrapper, with the template models (records) read through their
 * accessors and enums as their text, instead of through the JavaBeans introspection the general
 * bean wrapper performs on every class it meets (about a tenth of a second of each generate). What
 * templates see is the same: a record's components (and any JavaBeans getters it has) as {@code
 * x.name}, an enum constant as its {@code toString}. Templates call no Java methods, so nothing
 * else is exposed; everything that is not a record or an enum is wrapped as before.
 */
final class RecordWrapper extends DefaultObjectWrapper {
  private static final Map<Class<?>, Map<String, Method>> PROPERTIES = new ConcurrentHashMap<>();

  RecordWrapper(Version incompatibleImprovements) {
    super(incompatibleImprovements);
  }

  @Override
  protected TemplateModel handleUnknownType(Object obj) throws TemplateModelException {
    if (obj instanceof Record r) {
      return new RecordModel(
          r, PROPERTIES.computeIfAbsent(r.getClass(), RecordWrapper::properties));
    }
    if (obj instanceof Enum<?> e) {
      return new SimpleScalar(e.toString());
    }
    return super.handleUnknownType(obj);
  }

  /** A record's components, then its public JavaBeans getters ({@code getX}, {@code isX}). */
  private static Map<String, Method> properties(Class<?> type) {
    Map<String, Method> byName = new HashMap<>();
    for (Method m : type.getMethods()) {
      if (m.getParameterCount() != 0
          || m.getReturnType() == void.class
          || Modifier.isStatic(m.getModifiers())
          || m.getDeclaringClass() == Object.class
          || m.getDeclaringClass() == Record.class) {
        continue;
      }
      String n = m.getName();
      if (n.length() > 3 && n.startsWith("get") && Character.isUpperCase(n.charAt(3))) {
        byName.putIfAbsent(decapitalise(n.substring(3)), m);
      } else if (n.length() > 2
          && n.startsWith("is")
          && Character.isUpperCase(n.charAt(2))
          && m.getReturnType() == boolean.class) {
        byName.putIfAbsent(decapitalise(n.substring(2)), m);
      }
    }
    for (RecordComponent c : type.getRecordComponents()) {
      Method accessor = c.getAccessor();
      accessor.setAccessible(true);
      byName.put(c.getName(), accessor);
    }
    return Map.copyOf(byName);
  }

  /** As java.beans.Introspector.decapitalize: "URL" stays, "Name" becomes "name". */
  private static String decapitalise(String s) {
    if (s.length() > 1 && Character.isUpperCase(s.charAt(1))) {
      return s;
    }
    return Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }

  private final class RecordModel implements TemplateHashModel {
    private final Record record;
    private final Map<String, Method> properties;

    RecordModel(Record record, Map<String, Method> properties) {
      this.record = record;
      this.properties = properties;
    }

    @Override
    public TemplateModel get(String key) throws TemplateModelException {
      Method m = properties.get(key);
      if (m == null) {
        return null;
      }
      try {
        return wrap(m.invoke(record));
      } catch (IllegalAccessException e) {
        throw new TemplateModelException("cannot read " + key + " of " + record.getClass(), e);
      } catch (InvocationTargetException e) {
        throw new TemplateModelException(
            "reading " + key + " of " + record.getClass().getSimpleName() + " failed",
            e.getCause());
      }
    }

    @Override
    public boolean isEmpty() {
      return false;
    }
  }
}
