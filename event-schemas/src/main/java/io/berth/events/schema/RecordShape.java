package io.berth.events.schema;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the JSON Schema says about a payload record's components, learned from the record itself:
 * which ones a payload must carry, and which one holds the Kafka key.
 *
 * <p>"Required" means every payload written by this library carries it, so a reader may count on
 * it. A component is required when it is primitive (the codec always writes primitives; a reader
 * handed a payload without one decodes 0 or false) or when the record's compact constructor refuses
 * it as absent. The second is found by trying: starting from a sample instance, the component is
 * set to null, together with any subset of the other reference components; if no such combination
 * constructs, no valid payload can lack it. Cross-field rules (a tag needs a repository) are left
 * to the constructor; the schema is never stricter than the record.
 */
final class RecordShape {

  private final Class<? extends Record> type;
  private final Record sample;
  private final RecordComponent[] components;

  private RecordShape(Class<? extends Record> type, Record sample) {
    this.type = type;
    this.sample = sample;
    this.components = type.getRecordComponents();
  }

  /**
   * The shape of a record type, learned from a sample instance.
   *
   * @param sample an instance, for example from {@link Examples}
   */
  static RecordShape of(Record sample) {
    return new RecordShape(sample.getClass(), sample);
  }

  /** The record type. */
  Class<? extends Record> type() {
    return type;
  }

  /** The names of the components a payload must carry, in declaration order. */
  List<String> required() {
    List<String> required = new ArrayList<>();
    for (int i = 0; i < components.length; i++) {
      if (components[i].getType().isPrimitive() || !canBeAbsent(i)) {
        required.add(components[i].getName());
      }
    }
    return required;
  }

  /**
   * The dotted path of the component that holds {@code subject}, like {@code containerId} or {@code
   * image.imageId}.
   */
  Optional<String> pathOf(Object subject) {
    for (RecordComponent component : components) {
      Object value = valueOf(sample, component);
      if (Objects.equals(value, subject)) {
        return Optional.of(component.getName());
      }
      if (value instanceof Record nested) {
        Optional<String> inner = RecordShape.of(nested).pathOf(subject);
        if (inner.isPresent()) {
          return Optional.of(component.getName() + "." + inner.get());
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Every record instance reachable from the given ones (themselves included, through components,
   * lists and map values), the first one found per type.
   */
  static Map<Class<?>, Record> samples(Collection<? extends Record> roots) {
    Map<Class<?>, Record> samples = new LinkedHashMap<>();
    roots.forEach(root -> collect(root, samples));
    return samples;
  }

  private static void collect(Object value, Map<Class<?>, Record> samples) {
    if (value instanceof Record record) {
      samples.putIfAbsent(record.getClass(), record);
      for (RecordComponent component : record.getClass().getRecordComponents()) {
        collect(valueOf(record, component), samples);
      }
    } else if (value instanceof Collection<?> values) {
      values.forEach(element -> collect(element, samples));
    } else if (value instanceof Map<?, ?> map) {
      map.values().forEach(element -> collect(element, samples));
    }
  }

  private boolean canBeAbsent(int index) {
    List<Integer> others = new ArrayList<>();
    for (int i = 0; i < components.length; i++) {
      if (i != index && !components[i].getType().isPrimitive()) {
        others.add(i);
      }
    }
    // Smallest subsets first: most components can be absent on their own.
    for (int size = 0; size <= others.size(); size++) {
      if (anySubsetConstructs(index, others, size, 0, new ArrayList<>())) {
        return true;
      }
    }
    return false;
  }

  private boolean anySubsetConstructs(
      int index, List<Integer> others, int size, int from, List<Integer> chosen) {
    if (chosen.size() == size) {
      Object[] arguments = arguments();
      arguments[index] = null;
      chosen.forEach(i -> arguments[i] = null);
      return constructs(arguments);
    }
    for (int i = from; i < others.size(); i++) {
      chosen.add(others.get(i));
      boolean found = anySubsetConstructs(index, others, size, i + 1, chosen);
      chosen.remove(chosen.size() - 1);
      if (found) {
        return true;
      }
    }
    return false;
  }

  private Object[] arguments() {
    return Arrays.stream(components).map(component -> valueOf(sample, component)).toArray();
  }

  private boolean constructs(Object[] arguments) {
    try {
      Class<?>[] types =
          Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
      Constructor<? extends Record> canonical = type.getDeclaredConstructor(types);
      canonical.newInstance(arguments);
      return true;
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof IllegalArgumentException
          || e.getCause() instanceof NullPointerException) {
        return false;
      }
      throw new IllegalStateException("constructor of " + type.getName() + " failed", e);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot construct " + type.getName(), e);
    }
  }

  private static Object valueOf(Record record, RecordComponent component) {
    try {
      return component.getAccessor().invoke(record);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read " + component, e);
    }
  }
}
