package org.aisecuritybaseline.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.function.Function;

/**
 * Asks questions on the terminal (or whatever feeds standard input): shows the default, checks the
 * answer and asks again with the reason when it is not valid.
 */
final class Prompter {
  /** Checks one answer: empty when valid, else the reason. */
  interface Check extends Function<String, Optional<String>> {}

  /** Standard input ended before a required answer was given. */
  static final class NoAnswer extends Exception {
    private static final long serialVersionUID = 1L;

    NoAnswer(String question) {
      super("no answer for: " + question);
    }
  }

  private final BufferedReader in;
  private final PrintWriter out;

  Prompter(BufferedReader in, PrintWriter out) {
    this.in = in;
    this.out = out;
  }

  /**
   * Asks until the answer passes {@code check}; an empty answer takes {@code fallback} (null: the
   * question must be answered).
   */
  String ask(String question, String fallback, Check check) throws IOException, NoAnswer {
    while (true) {
      out.print(question + (fallback == null || fallback.isEmpty() ? "" : " [" + fallback + "]") + ": ");
      out.flush();
      String line = in.readLine();
      if (line == null) {
        if (fallback != null) {
          out.println();
          return fallback;
        }
        throw new NoAnswer(question);
      }
      String answer = line.strip();
      if (answer.isEmpty() && fallback != null) {
        return fallback;
      }
      Optional<String> problem = check.apply(answer);
      if (problem.isEmpty()) {
        return answer;
      }
      out.println("  " + problem.get() + "; please try again.");
    }
  }

  boolean confirm(String question, boolean fallback) throws IOException, NoAnswer {
    String answer = ask(question + " (y/n)", fallback ? "y" : "n",
        a -> a.matches("(?i)y|yes|n|no") ? Optional.empty() : Optional.of("answer y or n"));
    return answer.toLowerCase(java.util.Locale.ROOT).startsWith("y");
  }
}
