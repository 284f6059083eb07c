package org.aisecuritybaseline.family;

/** The Microsoft (or CISA) recommendation a baseline object implements, with its page. */
public record Recommendation(String title, String url) {}
