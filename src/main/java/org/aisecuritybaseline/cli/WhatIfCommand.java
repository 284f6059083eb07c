package org.aisecuritybaseline.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.aisecuritybaseline.access.Directory;
import org.aisecuritybaseline.access.Evaluator;
import org.aisecuritybaseline.access.Outcome;
import org.aisecuritybaseline.access.SignIn;
import org.aisecuritybaseline.access.WhatIfView;
import org.aisecuritybaseline.diag.ConsoleText;
import org.aisecuritybaseline.json.Json;
import org.aisecuritybaseline.pipeline.EstateValidator;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

public final class WhatIfCommand implements Callable<Integer> {
  /** The command line of {@code whatif}, bound to {@code c}. */
  static CommandSpec spec(WhatIfCommand c) {
    CommandSpec spec =
        Args.command(
            c,
            "whatif",
            "Evaluate the estate's Conditional Access policies offline for one sign-in: which apply,"
                + " which do not and why, and what the sign-in must satisfy (enforced, and once"
                + " report-only policies are enforced).");
    spec.addPositional(Args.estate(v -> c.file = v));
    spec.addOption(
        Args.option(String.class, v -> c.user = v, "--user")
            .required(true)
            .paramLabel("WHO")
            .description(
                "member, a guest type (internalGuest, b2bCollaborationGuest, b2bCollaborationMember,"
                    + " b2bDirectConnectUser, otherExternalUser, serviceProvider), admin, break-glass,"
                    + " service-account, pilot, or an estate group key (group:KEY when a key is one of these words);"
                    + " with the estate's agents section also agent (an agent identity the estate does not approve),"
                    + " agent:KEY (an approved agent identity or blueprint), agent-user (an agent user the estate does"
                    + " not approve) or agent-user:KEY.")
            .build());
    spec.addOption(
        Args.option(String.class, v -> c.app = v, "--app")
            .required(true)
            .paramLabel("APP")
            .description(
                "all, copilot, security-copilot, azure-management, office365, register-security-info,"
                    + " register-device, or an estate app key (app:KEY when a key is one of these words).")
            .build());
    spec.addOption(
        Args.option(String.class, v -> c.platform = v, "--platform")
            .paramLabel("P")
            .description("android, iOS, windows, windowsPhone, macOS, linux or unknown.")
            .build());
    spec.addOption(
        Args.option(String.class, v -> c.location = v, "--location")
            .paramLabel("L")
            .description("A named-location key, or anywhere (in no named location).")
            .build());
    spec.addOption(
        Args.option(String.class, v -> c.signInRisk = v, "--sign-in-risk")
            .paramLabel("R")
            .description("none, low, medium or high.")
            .build());
    spec.addOption(
        Args.option(String.class, v -> c.userRisk = v, "--user-risk")
            .paramLabel("R")
            .description("none, low, medium or high.")
            .build());
    spec.addOption(
        Args.option(String.class, v -> c.insiderRisk = v, "--insider-risk")
            .paramLabel("R")
            .description("none, minor, moderate or elevated.")
            .build());
    spec.addOption(
        Args.option(String.class, v -> c.agentRisk = v, "--agent-risk")
            .paramLabel("R")
            .description(
                "none, low, medium or high: the agent's risk (agent identities and agent users).")
            .build());
    spec.addOption(
        Args.option(String.class, v -> c.clientApp = v, "--client-app")
            .paramLabel("C")
            .description("browser, mobileAppsAndDesktopClients, exchangeActiveSync or other.")
            .build());
    spec.addOption(
        Args.option(Format.class, v -> c.format = v, "--format")
            .paramLabel("FORMAT")
            .defaultValue("text")
            .description("text (default) or json.")
            .build());
    c.spec = Args.standardHelp(spec);
    return c.spec;
  }

  static final List<String> PLATFORMS =
      List.of("android", "iOS", "windows", "windowsPhone", "macOS", "linux", "unknown");
  static final List<String> RISKS = List.of("none", "low", "medium", "high");
  static final List<String> INSIDER = List.of("none", "minor", "moderate", "elevated");
  static final List<String> CLIENT_APPS =
      List.of("browser", "mobileAppsAndDesktopClients", "exchangeActiveSync", "other");

  CommandSpec spec;

  Path file;

  String user;

  String app;

  String platform;

  String location;

  String signInRisk;

  String userRisk;

  String insiderRisk;

  String agentRisk;

  String clientApp;

  Format format;

  enum Format {
    text,
    json
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String p = pick("--platform", platform, PLATFORMS);
    String sr = pick("--sign-in-risk", signInRisk, RISKS);
    String ur = pick("--user-risk", userRisk, RISKS);
    String ir = pick("--insider-risk", insiderRisk, INSIDER);
    String ca = pick("--client-app", clientApp, CLIENT_APPS);
    String ar = pick("--agent-risk", agentRisk, RISKS);
    Optional<EstateValidator.Validated> v = Inputs.validate(file, err, Inputs.NOT_VALID);
    if (v.isEmpty()) {
      return ExitCodes.INVALID_INPUT;
    }
    Directory d = new Directory(v.get().estate(), v.get().expansion().policies());
    String loc = pick("--location", location, d.locationValues());
    SignIn s =
        new SignIn(
            d.who(user).orElseThrow(() -> refused("--user", user, d.whoValues())),
            d.app(app).orElseThrow(() -> refused("--app", app, d.appValues())),
            p,
            loc,
            sr,
            ur,
            ir,
            ca,
            ar);
    Outcome o = new Evaluator(d).evaluate(s);
    out.print(format == Format.json ? Json.write(WhatIfView.json(o)) : WhatIfView.text(o));
    out.flush();
    return ExitCodes.OK;
  }

  /** The allowed value as spelt in the list, whatever the case given; null when not given. */
  private String pick(String option, String given, List<String> allowed) {
    if (given == null) {
      return null;
    }
    return allowed.stream()
        .filter(a -> a.equalsIgnoreCase(given))
        .findFirst()
        .orElseThrow(() -> refused(option, given, allowed));
  }

  private ParameterException refused(String option, String given, List<String> allowed) {
    return new ParameterException(
        spec.commandLine(),
        "Invalid value for option '"
            + option
            + "': '"
            + ConsoleText.oneLine(given)
            + "'. Allowed: "
            + String.join(", ", allowed));
  }
}
