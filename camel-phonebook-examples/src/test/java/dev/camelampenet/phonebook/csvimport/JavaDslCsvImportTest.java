package dev.camelampenet.phonebook.csvimport;

/** The scenarios with the Java DSL routes ({@link CsvImportRoutes}); more behaviour in {@link CsvImportBehaviourTest}. */
class JavaDslCsvImportTest extends CsvImportScenarios {

    @Override
    protected String dsl() {
        return "java";
    }
}
