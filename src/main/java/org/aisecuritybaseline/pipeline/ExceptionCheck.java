package org.aisecuritybaseline.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.aisecuritybaseline.diag.Code;
import org.aisecuritybaseline.diag.Finding;
import org.aisecuritybaseline.entra.Catalogue;
import org.aisecuritybaseline.entra.PolicyTemplate;
import org.aisecuritybaseline.load.JsonPointers;
import org.aisecuritybaseline.model.Estate;
import org.aisecuritybaseline.rules.RuleCatalogue;
import org.aisecuritybaseline.validate.Sections;
import org.aisecuritybaseline.validate.Suggestions;

/**
 * The estate's {@code exceptions:}: each names a rule of the check catalogue (E901) and, when it
 * names a policy, one the estate can generate (E902). Expiry is {@code check}'s and {@code plan}'s
 * concern (it depends on the day).
 */
final class ExceptionCheck {
  private ExceptionCheck() {}

  static List<Finding> check(Estate estate, Catalogue catalogue, Sections sections) {
    List<Finding> findings = new ArrayList<>();
    if (!sections.usable("exceptions")) {
      return findings;
    }
    Set<String> rules = RuleCatalogue.builtIn().ids();
    Set<String> policies = new TreeSet<>();
    catalogue.all().stream().map(PolicyTemplate::id).forEach(policies::add);
    estate.customPolicies().forEach(c -> policies.add(c.id()));
    for (int i = 0; i < estate.exceptions().size(); i++) {
      Estate.RuleException e = estate.exceptions().get(i);
      String pointer = JsonPointers.child("/exceptions", i);
      if (!rules.contains(e.rule())) {
        findings.add(
            Finding.error(
                Code.E901,
                pointer + "/rule",
                "unknown rule "
                    + e.rule()
                    + Suggestions.closest(e.rule(), rules)
                        .map(s -> "; did you mean " + s + "?")
                        .orElse("; the rules are " + String.join(", ", rules))));
      }
      if (e.policy() != null
          && sections.usable("customPolicies")
          && e.policy().matches("CA\\d{3}")
          && !policies.contains(e.policy())) {
        findings.add(
            Finding.error(
                Code.E902,
                pointer + "/policy",
                "no policy "
                    + e.policy()
                    + " in the baseline or the estate's customPolicies"
                    + Suggestions.closest(e.policy(), policies)
                        .map(s -> "; did you mean " + s + "?")
                        .orElse("")));
      }
    }
    return findings;
  }
}
