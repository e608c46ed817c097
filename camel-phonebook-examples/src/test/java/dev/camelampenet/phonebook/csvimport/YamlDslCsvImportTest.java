package dev.camelampenet.phonebook.csvimport;

/** The same scenarios with the YAML DSL routes ({@code routes/csv-import.camel.yaml}). */
class YamlDslCsvImportTest extends CsvImportScenarios {

    @Override
    protected String dsl() {
        return "yaml";
    }
}
