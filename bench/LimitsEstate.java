import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Writes an estate at the platform limits for bench/limits.sh: 195 named locations, custom
 * Conditional Access policies that bring the enterprise tier's baseline policies up to 195 in all,
 * custom DLP policies that bring the baseline DLP policies up to 100, 1,000 Azure subscriptions,
 * 500 AWS accounts and 500 GCP projects. The same arguments give the same bytes on every run and
 * every JDK: java.util.Random's sequence is fixed by its specification, and nothing else varies.
 *
 * <p>Modelled on PlanAtLimitsTest.estate(newer). The older estate keeps everything report-only or
 * in simulation, with narrow trusted ranges and two break-glass accounts. The newer one (--newer)
 * enforces everything, adds a wider trusted range to every named location, excludes a group from
 * each custom policy, drops a break-glass account and downgrades a Defender plan in every
 * subscription, so that `plan --against` the older output has hundreds of changes to report. Both
 * draw the same random numbers, so they differ only in those changes.
 *
 * <p>Dependency-free: JDK 17 runs it as a single-file program.
 *
 * <pre>
 * java bench/LimitsEstate.java [--newer] [--ca-custom N] [--dlp-custom N] OUT SEED
 * </pre>
 *
 * --ca-custom and --dlp-custom set the number of custom policies (defaults 173 and 99: the
 * enterprise tier generates 22 Conditional Access policies and 1 DLP policy for this tenant today,
 * DLP001 being left out for want of a highly sensitive label); bench/limits.sh counts the baseline
 * policies first and passes the numbers that reach the limits.
 */
public class LimitsEstate {
  static final int LOCATIONS = 195;
  static final int SUBSCRIPTIONS = 1000;
  static final int AWS_ACCOUNTS = 500;
  static final int GCP_PROJECTS = 500;

  static final String[] WORDS = {
    "north", "south", "east", "west", "harbour", "river", "summit", "valley", "central", "coastal",
    "alpine", "metro", "delta", "prairie", "canyon", "island", "lake", "forest", "bridge", "tower"
  };
  static final String[] TEAMS = {
    "finance", "sales", "research", "legal", "support", "marketing", "logistics", "platform",
    "analytics", "security", "operations", "procurement"
  };
  static final String[] AWS_OFFERINGS = {"defenderCspm", "servers", "containers", "databases"};
  static final String[] AWS_REGIONS = {
    "eu-west-1", "eu-central-1", "eu-north-1", "us-east-1", "us-east-2", "us-west-2", "ap-southeast-1"
  };
  static final String[] GCP_OFFERINGS = {"defenderCspm", "servers", "containers", "databases"};
  static final String[] SENSITIVE_TYPES = {
    "creditCardNumber", "usSocialSecurityNumber", "internationalBankingAccountNumber"
  };

  public static void main(String[] args) throws IOException {
    boolean newer = false;
    int caCustom = 173;
    int dlpCustom = 99;
    List<String> positional = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--newer" -> newer = true;
        case "--ca-custom" -> caCustom = count(args, ++i, 195);
        case "--dlp-custom" -> dlpCustom = count(args, ++i, 1000);
        default -> positional.add(args[i]);
      }
    }
    if (positional.size() != 2) {
      System.err.println(
          "usage: java bench/LimitsEstate.java [--newer] [--ca-custom N] [--dlp-custom N] OUT SEED");
      System.exit(64);
    }
    long seed;
    try {
      seed = Long.parseLong(positional.get(1));
    } catch (NumberFormatException e) {
      System.err.println("LimitsEstate: SEED must be an integer: " + positional.get(1));
      System.exit(64);
      return;
    }
    String yaml = estate(newer, caCustom, dlpCustom, new Random(seed));
    Files.writeString(Path.of(positional.get(0)), yaml, StandardCharsets.UTF_8);
  }

  private static int count(String[] args, int i, int max) {
    try {
      int n = Integer.parseInt(args[i]);
      if (n >= 0 && n <= max) {
        return n;
      }
    } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
      // reported below
    }
    System.err.println("LimitsEstate: " + args[i - 1] + " needs a number from 0 to " + max);
    System.exit(64);
    return 0;
  }

  static String estate(boolean newer, int caCustom, int dlpCustom, Random random) {
    String longText = " and a long explanation that a reviewer must read".repeat(4);
    StringBuilder y = new StringBuilder();
    y.append(
        """
        # An estate at the platform limits, written by bench/LimitsEstate.java for bench/limits.sh.
        apiVersion: ai-security-baseline/v1
        kind: Estate
        tenant:
          id: 8e2f4c6a-1b3d-4f5e-a7c9-0d2e4f6a8b0c
          primaryDomain: contoso.com
          licences: [microsoft365E5]
          services:
            intune: true
            purviewInsiderRisk: true
            microsoft365Copilot: true
            securityCopilot: true
          unmanagedPolicyCount: 0
        breakGlass:
          accounts:
            - id: 3d4e5f6a-7b8c-4d9e-8f0a-2b3c4d5e6f7a
              name: emergency-01@contoso.onmicrosoft.com
        """);
    if (!newer) {
      y.append(
          "    - id: 4e5f6a7b-8c9d-4e0f-9a1b-3c4d5e6f7a8b\n      name: emergency-02@contoso.onmicrosoft.com\n");
    }
    y.append(
        "groups:\n  - key: pilot\n    id: 6a7b8c9d-0e1f-4a2b-9c3d-5e6f7a8b9c0d\n    name: SG-CA-Pilot\n    purpose: pilot\n");
    for (int i = 0; i < caCustom; i++) {
      String team = pick(random, TEAMS);
      y.append("  - key: team-")
          .append(i)
          .append("\n    id: ")
          .append(guid(0x1000 + i))
          .append("\n    name: SG-")
          .append(team)
          .append('-')
          .append(i)
          .append(longText)
          .append("\n    purpose: other\n");
    }

    y.append("namedLocations:\n");
    for (int i = 0; i < LOCATIONS; i++) {
      String word = pick(random, WORDS);
      int third = random.nextInt(256);
      y.append("  - key: site-")
          .append(i)
          .append("\n    name: Site ")
          .append(i)
          .append(' ')
          .append(word)
          .append(longText)
          .append("\n    trusted: true\n    ipRanges: [")
          .append(newer ? "172.16." + i + ".0/24, " : "")
          .append("10.")
          .append(i)
          .append('.')
          .append(third)
          .append(".0/24]\n");
    }

    y.append("baseline:\n  tier: enterprise\n  defaultStage: ")
        .append(newer ? "enabled" : "report-only")
        .append("\n");
    y.append(caCustom == 0 ? "customPolicies: []\n" : "customPolicies:\n");
    for (int i = 0; i < caCustom; i++) {
      int location = random.nextInt(LOCATIONS);
      y.append("  - id: CA")
          .append(100 + i)
          .append("\n    name: Custom policy ")
          .append(i)
          .append("\n    summary: Blocks sign-ins to everything from site ")
          .append(location)
          .append(".\n    stage: ")
          .append(newer ? "enabled" : "report-only")
          .append("\n    policy:\n      conditions:\n        users:\n")
          .append("          includeUsers: [All]\n");
      if (newer) {
        y.append("          excludeGroups: [\"group:team-").append(i).append("\"]\n");
      }
      y.append(
              "        applications:\n          includeApplications: [All]\n        clientAppTypes: [all]\n")
          .append("        locations:\n          includeLocations: [\"namedLocation:site-")
          .append(location)
          .append("\"]\n")
          .append("      grantControls:\n        operator: OR\n        builtInControls: [block]\n");
    }

    y.append("data:\n  sensitiveInfoTypes: [creditCardNumber]\n")
        .append(dlpCustom == 0 ? "  customPolicies: []\n" : "  customPolicies:\n");
    for (int i = 0; i < dlpCustom; i++) {
      String type = pick(random, SENSITIVE_TYPES);
      y.append("    - id: DLP")
          .append(100 + i)
          .append("\n      name: Custom DLP ")
          .append(i)
          .append("\n      summary: Policy ")
          .append(i)
          .append(".\n      stage: ")
          .append(newer ? "enabled" : "simulation")
          .append("\n      locations: [exchange]\n      rules:\n        - name: Rule ")
          .append(i)
          .append("\n          sensitiveInfoTypes: [")
          .append(type)
          .append("]\n          actions:\n            blockAccess: true\n");
    }

    y.append("threat:\n  azure:\n    subscriptions:\n");
    for (int i = 0; i < SUBSCRIPTIONS; i++) {
      String word = pick(random, WORDS);
      boolean ai = random.nextInt(10) == 0;
      y.append("      - id: ")
          .append(guid(0x20000 + i))
          .append("\n        name: Subscription ")
          .append(i)
          .append(' ')
          .append(word)
          .append("\n");
      if (ai) {
        y.append("        hostsAiWorkloads: true\n");
      }
      if (newer) {
        y.append("        plans:\n          KeyVaults: {tier: Free}\n");
      }
    }
    y.append("  connectorHost:\n    subscription: ")
        .append(guid(0x20000))
        .append("\n    resourceGroup: rg-mdc\n    location: westeurope\n");

    y.append("  aws:\n    accounts:\n");
    for (int i = 0; i < AWS_ACCOUNTS; i++) {
      String offerings = offerings(random, AWS_OFFERINGS);
      String region1 = pick(random, AWS_REGIONS);
      String region2 = pick(random, AWS_REGIONS);
      y.append("      - id: \"")
          .append(String.format(Locale.ROOT, "%012d", 100_000_000_000L + i))
          .append("\"\n        name: AWS account ")
          .append(i)
          .append("\n        regions: [")
          .append(region1)
          .append(region2.equals(region1) ? "" : ", " + region2)
          .append("]\n        offerings: [")
          .append(offerings)
          .append("]\n");
      if (offerings.contains("containers")) {
        y.append("        containersExternalId: mdc-containers-").append(i).append('\n');
      }
    }
    y.append("  gcp:\n    projects:\n");
    for (int i = 0; i < GCP_PROJECTS; i++) {
      String offerings = offerings(random, GCP_OFFERINGS);
      y.append("      - projectId: project-")
          .append(pick(random, WORDS))
          .append('-')
          .append(i)
          .append("\n        projectNumber: \"")
          .append(500_000_000 + i)
          .append("\"\n        offerings: [")
          .append(offerings)
          .append("]\n");
    }
    return y.toString();
  }

  private static String pick(Random random, String[] values) {
    return values[random.nextInt(values.length)];
  }

  /** cspm always, then each other offering with probability one half, in a fixed order. */
  private static String offerings(Random random, String[] others) {
    StringBuilder s = new StringBuilder("cspm");
    for (String o : others) {
      if (random.nextBoolean()) {
        s.append(", ").append(o);
      }
    }
    return s.toString();
  }

  private static String guid(int n) {
    return String.format(Locale.ROOT, "%08x-1b3d-4f5e-a7c9-%012x", n, n);
  }
}
