package org.aisecuritybaseline.access;

import java.util.Set;

/**
 * Who signs in, as Conditional Access sees them: the user objects, groups and directory roles they
 * are, and their guest or external user type (null for a member of the tenant).
 *
 * @param key what the command line and the matrix call them (member, admin, a guest type, a group
 *     key)
 * @param label for a reader
 */
public record Who(
    String key,
    String label,
    Set<String> users,
    Set<String> groups,
    Set<String> roles,
    String guestType,
    String note) {
  public Who {
    users = Set.copyOf(users);
    groups = Set.copyOf(groups);
    roles = Set.copyOf(roles);
  }
}
