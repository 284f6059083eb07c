package org.aisecuritybaseline.access;

import java.util.Set;

/**
 * Who signs in, as Conditional Access sees them: the user objects, groups and directory roles they
 * are, and their guest or external user type (null for a member of the tenant).
 *
 * @param key what the command line and the matrix call them (member, admin, a guest type, a group
 *     key)
 * @param label for a reader
 * @param users the object IDs it is (for an agent identity: its own, or its blueprint's)
 * @param subject a person, an agent identity (signing in as itself) or an agent user account
 */
public record Who(
    String key,
    String label,
    Set<String> users,
    Set<String> groups,
    Set<String> roles,
    String guestType,
    String note,
    Subject subject) {
  /** What kind of identity signs in; Conditional Access targets each differently. */
  public enum Subject {
    PERSON,
    AGENT_IDENTITY,
    AGENT_USER
  }

  public Who {
    users = Set.copyOf(users);
    groups = Set.copyOf(groups);
    roles = Set.copyOf(roles);
  }

  /** A person. */
  public Who(
      String key,
      String label,
      Set<String> users,
      Set<String> groups,
      Set<String> roles,
      String guestType,
      String note) {
    this(key, label, users, groups, roles, guestType, note, Subject.PERSON);
  }
}
