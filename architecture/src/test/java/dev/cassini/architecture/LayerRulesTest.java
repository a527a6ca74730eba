package dev.cassini.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layer rules between Cassini's modules, checked on the main classes of every module.
 *
 * <p>Maven already keeps a module from using one it does not declare; these rules keep the
 * promises that a pom cannot express, and that a new {@code <dependency>} or a convenient import
 * would otherwise break quietly:
 * <ul>
 *   <li>{@code model} and {@code contract} do no I/O: no files, sockets, HTTP, Kubernetes client,
 *       Cassandra driver, web server or processes. The planner is tested as a pure function, and
 *       the contract is plain data that both the operator and the agent compile against.</li>
 *   <li>{@code contract} depends on nothing but the JDK and Jackson's annotations, so that adding
 *       it to a module brings nothing else along.</li>
 *   <li>The operator and the node agent are two programs that talk only over the agent's HTTP
 *       API (its shapes live in {@code contract}): neither uses the other's classes, and the agent
 *       does not use the operator's {@code model}.</li>
 *   <li>{@code devkube} (an embedded Kubernetes for laptops and tests) is used only by the
 *       {@code cassini} command line.</li>
 *   <li>{@code helper} and {@code exporter} run inside the Cassandra JVM and use no other Cassini
 *       code.</li>
 *   <li>{@code model} does not reach up into the programs that use it.</li>
 *   <li>{@code store} (the object store client) knows nothing of backups' meaning or of the
 *       programs that use it: only {@code contract} may be used from it.</li>
 * </ul>
 *
 * <p>Only main classes are imported ({@link ImportOption.DoNotIncludeTests}): a test may start a
 * devkube or run an agent next to an operator. The classes come from this module's test class
 * path, where every other module is a dependency; the module builds last in the reactor, so
 * {@code ./scripts/test} and {@code mvn -B -ntp -DskipITs verify} run these rules on every build.
 * To run only these rules (every module is still compiled, no other test runs):
 * {@code mvn -B -ntp -DskipITs -Dtest=LayerRulesTest -Dsurefire.failIfNoSpecifiedTests=false test}.
 *
 * <p>A broken rule fails the build with the rule's text, its reason (the {@code because}), and one
 * line per offending access, for example
 * {@code Method <dev.cassini.model.X.y()> calls constructor <java.net.URI.<init>(java.lang.String)> in (X.java:42)}.
 * Fix the code rather than the rule; if a rule really is wrong, change it here together with the
 * module description in the README, in the same commit.
 */
@AnalyzeClasses(packages = "dev.cassini", importOptions = ImportOption.DoNotIncludeTests.class)
class LayerRulesTest {

    @ArchTest
    static final ArchRule modelAndContractDoNoIo = noClasses()
            .that()
            .resideInAnyPackage("dev.cassini.model..", "dev.cassini.contract..")
            .should()
            .dependOnClassesThat(resideInAnyPackage(
                            "java.io..",
                            "java.nio.file..",
                            "java.net..", // java.net.http too
                            "io.fabric8.kubernetes.client..",
                            "com.datastax..",
                            "io.javalin..")
                    .or(type(ProcessBuilder.class)))
            .because("the model and the contract are pure: the planner is a function of what the operator observed,"
                    + " tested without a cluster, and the contract is data that both programs share;"
                    + " reading and writing belong to the operator and the agent");

    @ArchTest
    static final ArchRule contractIsPlainData = classes()
            .that()
            .resideInAPackage("dev.cassini.contract..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("dev.cassini.contract..", "java..", "com.fasterxml.jackson.annotation..")
            .because("the operator, the agent and the cli all compile against the contract,"
                    + " and using it must not bring any library along");

    @ArchTest
    static final ArchRule operatorDoesNotUseTheAgent = noClasses()
            .that()
            .resideInAPackage("dev.cassini.operator..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.cassini.agent..")
            .because("the operator talks to node agents only over their HTTP API, whose shapes are in"
                    + " dev.cassini.contract; the two run in different pods and are upgraded at different times");

    @ArchTest
    static final ArchRule agentDoesNotUseTheOperator = noClasses()
            .that()
            .resideInAPackage("dev.cassini.agent..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.cassini.operator..", "dev.cassini.model..")
            .because("the node agent runs one Cassandra node and knows nothing of the cluster's plan;"
                    + " what it shares with the operator is in dev.cassini.contract");

    @ArchTest
    static final ArchRule devkubeIsForTheCliOnly = noClasses()
            .that()
            .resideOutsideOfPackages("dev.cassini.devkube..", "dev.cassini.cli..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.cassini.devkube..")
            .because("devkube downloads and runs a Kubernetes control plane on a laptop; only the `cassini`"
                    + " command and tests start one, never the operator or the agent in a real cluster");

    @ArchTest
    static final ArchRule helperStandsAlone = noClasses()
            .that()
            .resideInAPackage("dev.cassini.helper..")
            .should()
            .dependOnClassesThat(resideInAPackage("dev.cassini..").and(not(resideInAPackage("dev.cassini.helper.."))))
            .because("the helper is loaded into the Cassandra JVM with -javaagent, where no other Cassini"
                    + " code is on the class path");

    @ArchTest
    static final ArchRule loaderStandsAlone = noClasses()
            .that()
            .resideInAPackage("dev.cassini.loader..")
            .should()
            .dependOnClassesThat(resideInAPackage("dev.cassini..").and(not(resideInAPackage("dev.cassini.loader.."))))
            .because("the loader runs as a process of its own on Cassandra's class path, where no other Cassini"
                    + " code is");

    @ArchTest
    static final ArchRule storeIsAClientOnly = noClasses()
            .that()
            .resideInAPackage("dev.cassini.store..")
            .should()
            .dependOnClassesThat(resideInAPackage("dev.cassini..")
                    .and(not(resideInAnyPackage("dev.cassini.store..", "dev.cassini.contract.."))))
            .because("the agent, the operator and the cli all talk to the object store through it;"
                    + " it must not pull any of them, or the planner, into the others");

    @ArchTest
    static final ArchRule pkiStandsAlone = noClasses()
            .that()
            .resideInAPackage("dev.cassini.pki..")
            .should()
            .dependOnClassesThat(resideInAPackage("dev.cassini..").and(not(resideInAPackage("dev.cassini.pki.."))))
            .because("devkube, the operator and the agent each make or read certificates with it;"
                    + " it must not pull any of them into the others");

    @ArchTest
    static final ArchRule exporterStandsAlone = noClasses()
            .that()
            .resideInAPackage("dev.cassini.exporter..")
            .should()
            .dependOnClassesThat(resideInAPackage("dev.cassini..").and(not(resideInAPackage("dev.cassini.exporter.."))))
            .because("the exporter is loaded into the Cassandra JVM with -javaagent, where no other Cassini"
                    + " code is on the class path");

    @ArchTest
    static final ArchRule modelDoesNotReachUp = noClasses()
            .that()
            .resideInAPackage("dev.cassini.model..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "dev.cassini.operator..", "dev.cassini.agent..", "dev.cassini.cli..", "dev.cassini.devkube..")
            .because("the model is the bottom layer that the operator and the cli build on;"
                    + " a dependency back up would make it a cycle");
}
