package org.aisecuritybaseline.init;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.function.Function;
import org.aisecuritybaseline.diag.ConsoleText;
import org.aisecuritybaseline.load.YamlLoader;

/**
 * Asks questions on the terminal (or whatever feeds standard input): shows the default, checks the
 * answer and asks again with the reason when it is not valid.
 */
public final class Prompter {
  /** Checks one answer: empty when valid, else the reason. */
  interface Check extends Function<String, Optional<String>> {}

  /**
   * Standard input ended before a required answer was given, or is longer than any interview needs.
   */
  public static final class NoAnswer extends Exception {
    private static final long serialVersionUID = 1L;

    NoAnswer(String message) {
      super(message);
    }
  }

  /** No answer (an ID, a name, a list of IDs) comes near this. */
  static final int MAX_LINE = 4096;

  private static final String TOO_LONG = "\u0000too long";

  private final BufferedReader in;
  private final PrintWriter out;
  private long consumed;

  public Prompter(BufferedReader in, PrintWriter out) {
    this.in = in;
    this.out = out;
  }

  /**
   * Asks until the answer passes {@code check}; an empty answer takes {@code fallback} (null: the
   * question must be answered).
   */
  String ask(String question, String fallback, Check check) throws IOException, NoAnswer {
    while (true) {
      out.print(
          question + (fallback == null || fallback.isEmpty() ? "" : " [" + fallback + "]") + ": ");
      out.flush();
      String line = readLine();
      if (line == null) {
        if (fallback != null) {
          out.println();
          return fallback;
        }
        throw new NoAnswer("no answer for: " + question);
      }
      String answer = line.strip();
      if (answer.isEmpty() && fallback != null) {
        return fallback;
      }
      Optional<String> problem =
          answer.equals(TOO_LONG)
              ? Optional.of("the answer is longer than " + MAX_LINE + " characters")
              : check.apply(answer);
      if (problem.isEmpty()) {
        return answer;
      }
      out.println("  " + ConsoleText.oneLine(problem.get()) + "; please try again.");
    }
  }

  /**
   * One line of at most {@link #MAX_LINE} characters; longer lines are read to their end and
   * refused. Standard input as a whole is held to the 1 MiB that bounds every input.
   */
  private String readLine() throws IOException, NoAnswer {
    StringBuilder line = new StringBuilder();
    boolean tooLong = false;
    while (true) {
      int c = in.read();
      if (c < 0) {
        return line.length() == 0 && !tooLong ? null : checked(line, tooLong);
      }
      if (++consumed > YamlLoader.MAX_BYTES) {
        throw new NoAnswer(
            "standard input is longer than " + YamlLoader.MAX_BYTES + " characters (1 MiB)");
      }
      if (c == '\n') {
        return checked(line, tooLong);
      }
      if (line.length() < MAX_LINE) {
        line.append((char) c);
      } else {
        tooLong = true;
      }
    }
  }

  private static String checked(StringBuilder line, boolean tooLong) {
    // An over-long answer becomes one no check accepts, so the question is asked again with a
    // reason.
    return tooLong ? TOO_LONG : line.toString();
  }

  /** Prints a line of help before a question (never an answer: those are not echoed). */
  void say(String line) {
    out.println(ConsoleText.oneLine(line));
    out.flush();
  }

  boolean confirm(String question, boolean fallback) throws IOException, NoAnswer {
    String answer =
        ask(
            question + " (y/n)",
            fallback ? "y" : "n",
            a -> a.matches("(?i)y|yes|n|no") ? Optional.empty() : Optional.of("answer y or n"));
    return answer.toLowerCase(java.util.Locale.ROOT).startsWith("y");
  }
}
