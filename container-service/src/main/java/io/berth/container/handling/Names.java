package io.berth.container.handling;

import java.security.SecureRandom;
import java.util.List;
import java.util.regex.Pattern;

/** Container names: checked as Docker checks them, and generated as Docker generates them. */
final class Names {

  /** Docker's rule for container names ({@code [a-zA-Z0-9][a-zA-Z0-9_.-]+}). */
  private static final Pattern VALID = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]+");

  private static final List<String> ADJECTIVES =
      List.of(
          "admiring",
          "brave",
          "calm",
          "dazzling",
          "eager",
          "festive",
          "gallant",
          "happy",
          "jolly",
          "keen",
          "lucid",
          "modest",
          "nifty",
          "optimistic",
          "pensive",
          "quirky",
          "relaxed",
          "serene",
          "tender",
          "upbeat",
          "vibrant",
          "wizardly",
          "youthful",
          "zealous");
  private static final List<String> SURNAMES =
      List.of(
          "babbage",
          "curie",
          "darwin",
          "einstein",
          "feynman",
          "galileo",
          "hopper",
          "johnson",
          "kepler",
          "lovelace",
          "meitner",
          "noether",
          "pasteur",
          "ritchie",
          "shannon",
          "thompson",
          "turing",
          "wozniak",
          "yonath",
          "zhukovsky");
  private static final SecureRandom RANDOM = new SecureRandom();

  private Names() {}

  static boolean isValid(String name) {
    return VALID.matcher(name).matches();
  }

  /** A generated name no container has (Docker's adjective_surname, with a suffix if need be). */
  static String free(io.berth.container.store.ContainerRepository containers) {
    for (int i = 0; i < 20; i++) {
      String name = generate();
      if (containers.findByName(name).isEmpty()) {
        return name;
      }
    }
    return generate()
        + "_"
        + io.berth.events.container.ContainerIds.shortId(
                io.berth.events.container.ContainerIds.newId())
            .substring(0, 4);
  }

  static String generate() {
    return ADJECTIVES.get(RANDOM.nextInt(ADJECTIVES.size()))
        + "_"
        + SURNAMES.get(RANDOM.nextInt(SURNAMES.size()));
  }
}
