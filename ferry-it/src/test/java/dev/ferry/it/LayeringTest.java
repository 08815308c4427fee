package dev.ferry.it;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The module rules of ARCHITECTURE.md and engineering.md §3.1, enforced on the main code of every
 * module (tests may cross these lines, e.g. to start the emulator).
 */
class LayeringTest {
  private static JavaClasses ferry;

  @BeforeAll
  static void importMainClasses() {
    ferry =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.ferry");
  }

  @Test
  void importsEveryModule() {
    for (String pkg :
        new String[] {
          "dev.ferry.core",
          "dev.ferry.emulator",
          "dev.ferry.salesforce",
          "dev.ferry.store",
          "dev.ferry.engine",
          "dev.ferry.app"
        }) {
      org.assertj.core.api.Assertions.assertThat(ferry.containPackage(pkg)).as(pkg).isTrue();
    }
  }

  @Test
  void coreHasNoIoDependencies() {
    classes()
        .that()
        .resideInAPackage("dev.ferry.core..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "dev.ferry.core..", "java..", "javax.annotation..", "org.slf4j..", "org.jspecify..")
        .because("ferry-core holds domain values and ports only")
        .check(ferry);
    noClasses()
        .that()
        .resideInAPackage("dev.ferry.core..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("java.net.http..", "java.sql..", "java.nio.file..")
        .check(ferry);
  }

  @Test
  void engineSeesPortsOnly() {
    noClasses()
        .that()
        .resideInAPackage("dev.ferry.engine..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.postgresql..",
            "java.net.http..",
            "io.javalin..",
            "dev.ferry.salesforce..",
            "dev.ferry.store..",
            "dev.ferry.emulator..",
            "dev.ferry.app..")
        .because("the engine decides; the store speaks SQL; the client speaks HTTP")
        .check(ferry);
  }

  @Test
  void onlyTheDemoPackageUsesTheEmulator() {
    noClasses()
        .that()
        // the test kit is test support: it starts the emulator for other modules' tests
        .resideOutsideOfPackages(
            "dev.ferry.emulator..", "dev.ferry.app.demo..", "dev.ferry.testkit..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.ferry.emulator..")
        .check(ferry);
  }

  @Test
  void emulatorSharesNothingWithFerry() {
    noClasses()
        .that()
        .resideInAPackage("dev.ferry.emulator..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.ferry.core..",
            "dev.ferry.salesforce..",
            "dev.ferry.store..",
            "dev.ferry.engine..",
            "dev.ferry.app..")
        .because("a wire misunderstanding must not be symmetric between client and emulator")
        .check(ferry);
  }

  @Test
  void clientAndStoreDoNotKnowEachOther() {
    noClasses()
        .that()
        .resideInAPackage("dev.ferry.salesforce..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.ferry.store..", "dev.ferry.engine..", "dev.ferry.app..", "org.postgresql..")
        .check(ferry);
    noClasses()
        .that()
        .resideInAPackage("dev.ferry.store..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.ferry.salesforce..", "dev.ferry.engine..", "dev.ferry.app..", "java.net.http..")
        .check(ferry);
  }

  @Test
  void apiCliAndDashboardGoThroughTheControlPlane() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "dev.ferry.app.api..", "dev.ferry.app.cli..", "dev.ferry.app.dashboard..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.ferry.store..", "dev.ferry.engine..", "dev.ferry.salesforce..")
        .because("REST resources, CLI commands and dashboard pages call only FerryService")
        .check(ferry);
  }

  /**
   * Each module's packages form an acyclic graph (a package and its subpackages count as one
   * slice), so a package can be read, tested and moved without dragging its dependants along.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "dev.ferry.core",
        "dev.ferry.emulator",
        "dev.ferry.salesforce",
        "dev.ferry.store",
        "dev.ferry.engine",
        "dev.ferry.testkit",
        "dev.ferry.app"
      })
  void packagesAreFreeOfCycles(String module) {
    slices()
        .assignedFrom(topPackagesOf(module))
        .should()
        .beFreeOfCycles()
        .because("a package cycle makes a module one tangle: see ARCHITECTURE.md")
        .check(ferry);
  }

  /**
   * One slice per top package of a module, the module's root package being a slice of its own
   * (ArchUnit's {@code matching("module.(*)..")} would leave the root out, and with it the cycles
   * through it).
   */
  private static SliceAssignment topPackagesOf(String module) {
    return new SliceAssignment() {
      @Override
      public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
        String pkg = javaClass.getPackageName();
        if (pkg.equals(module)) {
          return SliceIdentifier.of("(root)");
        }
        if (!pkg.startsWith(module + ".")) {
          return SliceIdentifier.ignore();
        }
        String rest = pkg.substring(module.length() + 1);
        int dot = rest.indexOf('.');
        return SliceIdentifier.of(dot < 0 ? rest : rest.substring(0, dot));
      }

      @Override
      public String getDescription() {
        return "top packages of " + module;
      }
    };
  }
}
