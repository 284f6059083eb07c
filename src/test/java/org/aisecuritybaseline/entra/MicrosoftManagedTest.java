package org.aisecuritybaseline.entra;

import static org.aisecuritybaseline.TestSupport.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.aisecuritybaseline.TestSupport;
import org.aisecuritybaseline.pipeline.EstateValidator;
import org.junit.jupiter.api.Test;

/** The Microsoft-managed policies: one list for plan, the output README and explain. */
class MicrosoftManagedTest {
  @Test
  void everyOverlapNamesABaselinePolicyOfTheCatalogue() {
    Set<String> ids =
        Catalogue.builtIn().all().stream().map(PolicyTemplate::id).collect(Collectors.toSet());
    for (MicrosoftManaged.Policy p : MicrosoftManaged.all()) {
      for (String id : p.overlaps()) {
        assertTrue(ids.contains(id), p.name() + " overlaps " + id + ", which is not a baseline ID");
      }
    }
    assertEquals(8, MicrosoftManaged.all().size(), "the eight policies Microsoft documents");
  }

  @Test
  void aTenantPolicyIsRecognisedByItsDisplayNameInAnyCase() {
    assertEquals(
        List.of("CA001"),
        MicrosoftManaged.byDisplayName(
                "Microsoft-managed: Multifactor authentication for admins accessing Microsoft Admin"
                    + " Portals")
            .orElseThrow()
            .overlaps());
    assertTrue(
        MicrosoftManaged.byDisplayName(
                "Microsoft-managed: Block all high risk agents from accessing all resources"
                    + " (Preview)")
            .orElseThrow()
            .preview());
    assertTrue(MicrosoftManaged.byDisplayName("CA004 - Block legacy authentication").isEmpty());
    assertContains(
        MicrosoftManaged.byDisplayName("Microsoft-managed: Something new").orElseThrow().what(),
        "added after");
  }

  @Test
  void theReadmeSaysWhatEachGeneratedPolicyAddsToTheOneItOverlaps() {
    EstateValidator.Validated v = TestSupport.validateFile("examples/enterprise-p2/estate.yaml");
    List<EntraReadme.ManagedRow> rows = EntraReadme.microsoftManaged(v.expansion());
    assertEquals(
        List.of("CA001", "CA002", "CA004", "CA005", "CA008", "CA020", "CA050"),
        rows.stream().map(EntraReadme.ManagedRow::id).toList(),
        "the generated policies the eight overlap (CA010 is not in this tier; CA050 with the"
            + " estate's agents section)");
    EntraReadme.ManagedRow ca004 = rows.get(2);
    assertEquals("Microsoft-managed: Block legacy authentication", ca004.managed());
    assertContains(ca004.adds(), "staged rollout from the estate file (now enabled)");
    assertContains(ca004.adds(), "the break-glass exclusions (3)");
    assertContains(ca004.adds(), "1 exclusion with a reason");
    assertContains(rows.get(1).adds(), "an authentication strength");
  }

  @Test
  void explainNamesTheMicrosoftManagedPolicyAndOnlyWhereOneOverlaps() {
    TestSupport.Run ca004 = TestSupport.cli("explain", "CA004");
    assertEquals(0, ca004.code(), ca004.err());
    assertContains(
        ca004.out(), "Overlapped by the Microsoft-managed policy \"Block legacy authentication\"");
    TestSupport.Run ca007 = TestSupport.cli("explain", "CA007");
    assertTrue(!ca007.out().contains("Microsoft-managed"), ca007.out());
  }
}
