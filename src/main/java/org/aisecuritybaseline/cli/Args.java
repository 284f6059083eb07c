package org.aisecuritybaseline.cli;

import java.util.Map;
import java.util.function.Consumer;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The command lines, declared through picocli's programmatic API rather than its annotations.
 * Reading annotations costs every run a reflective pass and a proxy class generated for each
 * annotation type, which the JVM's start-up caches do not keep; these builders give picocli the
 * same model without either. Each command declares its own line in a static {@code spec} method
 * that binds the values to the command's fields.
 */
final class Args {
  private Args() {}

  /**
   * picocli's factory for the objects it makes itself: the lists (and sets and maps) that hold a
   * repeated option's values. picocli's default factory begins by looking for Groovy's closure
   * class, a failed class lookup of about 5 ms on every run.
   */
  static final IFactory FACTORY =
      new IFactory() {
        @Override
        public <K> K create(Class<K> type) throws Exception {
          if (type.isAssignableFrom(java.util.ArrayList.class)) {
            return type.cast(new java.util.ArrayList<>());
          }
          if (type.isAssignableFrom(java.util.LinkedHashSet.class)) {
            return type.cast(new java.util.LinkedHashSet<>());
          }
          if (type.isAssignableFrom(java.util.LinkedHashMap.class)) {
            return type.cast(new java.util.LinkedHashMap<>());
          }
          return type.getDeclaredConstructor().newInstance();
        }
      };

  /** The key picocli knows the standard help options' mixin by (so completion and help agree). */
  private static final String HELP_MIXIN = "mixinStandardHelpOptions";

  /** A command named {@code name} that runs {@code command}, with these description lines. */
  static CommandSpec command(Object command, String name, String... description) {
    CommandSpec spec = CommandSpec.wrapWithoutInspection(command, FACTORY);
    spec.name(name);
    spec.usageMessage().description(description);
    return spec;
  }

  /**
   * Adds the standard {@code -h} and {@code -V} options, after the command's own (the order picocli
   * lists them in the completion script), and returns {@code spec}.
   */
  static CommandSpec standardHelp(CommandSpec spec) {
    CommandSpec help = CommandSpec.wrapWithoutInspection(null, FACTORY);
    help.addOption(
        OptionSpec.builder("-h", "--help")
            .usageHelp(true)
            .description("Show this help message and exit.")
            .build());
    help.addOption(
        OptionSpec.builder("-V", "--version")
            .versionHelp(true)
            .description("Print version information and exit.")
            .build());
    spec.addMixin(HELP_MIXIN, help);
    return spec;
  }

  /** The exit codes section of a command's help, in the order given. */
  static void exitCodes(CommandSpec spec, Map<String, String> codes) {
    spec.usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(codes);
  }

  /** Exit codes and what each means, as pairs: code, meaning, code, meaning... */
  static Map<String, String> codes(String... pairs) {
    Map<String, String> codes = new java.util.LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      if (codes.put(pairs[i], pairs[i + 1]) != null) {
        throw new IllegalArgumentException("exit code " + pairs[i] + " listed twice");
      }
    }
    return codes;
  }

  /** The estate file, the first positional parameter of the commands that read one estate. */
  static PositionalParamSpec estate(Consumer<java.nio.file.Path> to) {
    return positional("0", java.nio.file.Path.class, to, "ESTATE", "The estate YAML file.").build();
  }

  /** The hidden {@code --today} of the commands that check exceptions' expiry dates (tests). */
  static OptionSpec today(Consumer<java.time.LocalDate> to) {
    return option(java.time.LocalDate.class, to, "--today")
        .converters(Args::date)
        .hidden(true)
        .paramLabel("DATE")
        .description("The date exceptions expire against (tests); default today in UTC.")
        .build();
  }

  /** A date as YYYY-MM-DD; anything else a usage error that says so (not Java's parser's words). */
  static java.time.LocalDate date(String value) {
    try {
      return java.time.LocalDate.parse(value);
    } catch (java.time.format.DateTimeParseException e) {
      throw new picocli.CommandLine.TypeConversionException(
          "'"
              + org.aisecuritybaseline.diag.ConsoleText.oneLine(value)
              + "' is not a date written YYYY-MM-DD, such as 2026-12-04");
    }
  }

  /**
   * An option with a value of {@code type}, stored by {@code to} when the command line has it (and
   * its default value, when it has one, when not).
   */
  static <V> OptionSpec.Builder option(Class<V> type, Consumer<V> to, String... names) {
    Binding<V> bind = bind(to);
    return OptionSpec.builder(names).type(type).hasInitialValue(false).getter(bind).setter(bind);
  }

  /** An option with a list of values of {@code element}, repeatable. */
  static <V> OptionSpec.Builder list(
      Class<V> element, Consumer<java.util.List<V>> to, String... names) {
    Binding<java.util.List<V>> bind = bind(to);
    return OptionSpec.builder(names)
        .type(java.util.List.class)
        .auxiliaryTypes(element)
        .hasInitialValue(false)
        .getter(bind)
        .setter(bind);
  }

  /** An option without a value: {@code to} gets true when the command line has it. */
  static OptionSpec flag(Consumer<Boolean> to, String description, String... names) {
    return option(boolean.class, to, names).description(description).build();
  }

  /** The positional parameter at {@code index}, of {@code type}: required unless its arity says. */
  static <V> PositionalParamSpec.Builder positional(
      String index, Class<V> type, Consumer<V> to, String label, String description) {
    Binding<V> bind = bind(to);
    return PositionalParamSpec.builder()
        .index(index)
        .arity("1")
        .required(true)
        .type(type)
        .paramLabel(label)
        .description(description)
        .hasInitialValue(false)
        .getter(bind)
        .setter(bind);
  }

  /** The positional parameters from {@code index} on: one or more values of {@code element}. */
  static <V> PositionalParamSpec positionals(
      String index,
      Class<V> element,
      Consumer<java.util.List<V>> to,
      String label,
      String description) {
    Binding<java.util.List<V>> bind = bind(to);
    return PositionalParamSpec.builder()
        .index(index)
        .arity("1..*")
        .required(true)
        .type(java.util.List.class)
        .auxiliaryTypes(element)
        .paramLabel(label)
        .description(description)
        .hasInitialValue(false)
        .getter(bind)
        .setter(bind)
        .build();
  }

  /**
   * Binds an argument to a field: picocli stores each value through {@code to}, and reads back the
   * last one (a repeated list option adds to the list it read; without it, the last occurrence
   * would replace the others).
   */
  static <V> Binding<V> bind(Consumer<V> to) {
    return new Binding<>(to);
  }

  /** picocli's getter and setter (generic methods, so not lambdas) over one field. */
  static final class Binding<V> implements IGetter, ISetter {
    private final Consumer<V> to;
    private V value;

    private Binding(Consumer<V> to) {
      this.to = to;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get() {
      return (T) value;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T set(T newValue) {
      T previous = (T) value;
      value = (V) newValue;
      to.accept(value);
      return previous;
    }
  }
}
