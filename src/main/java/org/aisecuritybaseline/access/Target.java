package org.aisecuritybaseline.access;

/**
 * What is signed in to: one app (by app ID, or none for "any other app"), or a user action.
 *
 * @param office365 whether the app is in Microsoft's Office 365 app group
 * @param office365Unknown whether Microsoft's documentation leaves its membership of the Office 365
 *     group open (Microsoft 365 Copilot): policies naming Office365 then only may apply
 * @param adminPortalUnknown the same for the MicrosoftAdminPortals group (Azure management)
 */
public record Target(
    String key,
    String label,
    String appId,
    String userAction,
    boolean office365,
    boolean office365Unknown,
    boolean adminPortalUnknown) {}
