package org.aisecuritybaseline.cli;

/** Process exit codes. 2 is kept for "plan: changes present", as Terraform's -detailed-exitcode. */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int INVALID_INPUT = 1;

  /** plan --detailed-exitcode: the output would change (Terraform's meaning). */
  public static final int CHANGES = 2;

  public static final int USAGE = 64;
  public static final int INTERNAL = 70;

  private ExitCodes() {}
}
