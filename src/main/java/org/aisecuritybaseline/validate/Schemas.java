package org.aisecuritybaseline.validate;

/** The JSON Schemas the tool validates against, each loaded once, on first use. */
public final class Schemas {
  public static final String ESTATE = "/schemas/estate.schema.json";
  public static final String GRAPH = "/schemas/graph/conditionalAccessPolicy.v1.schema.json";
  public static final String GRAPH_BETA = "/schemas/graph/conditionalAccessPolicy.beta.schema.json";

  private static volatile SchemaCheck estate;
  private static volatile SchemaCheck graph;
  private static volatile SchemaCheck graphBeta;

  private Schemas() {}

  public static SchemaCheck estate() {
    SchemaCheck s = estate;
    if (s == null) {
      s = SchemaCheck.fromResource(ESTATE);
      estate = s;
    }
    return s;
  }

  public static SchemaCheck graph() {
    SchemaCheck s = graph;
    if (s == null) {
      s = SchemaCheck.fromResource(GRAPH);
      graph = s;
    }
    return s;
  }

  /** Graph beta's conditionalAccessPolicy: for the policies deployed through the beta endpoint. */
  public static SchemaCheck graphBeta() {
    SchemaCheck s = graphBeta;
    if (s == null) {
      s = SchemaCheck.fromResource(GRAPH_BETA);
      graphBeta = s;
    }
    return s;
  }
}
