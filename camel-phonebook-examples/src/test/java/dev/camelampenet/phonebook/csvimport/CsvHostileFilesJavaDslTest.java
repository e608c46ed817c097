package dev.camelampenet.phonebook.csvimport;

/** The hostile-file scenarios with the Java DSL routes ({@link CsvImportRoutes}). */
class CsvHostileFilesJavaDslTest extends CsvHostileFilesScenarios {

    @Override
    protected String dsl() {
        return "java";
    }
}
