package dev.camelampenet.phonebook.csvimport;

/** The hostile-file scenarios with the YAML DSL routes ({@code routes/csv-import.camel.yaml}). */
class CsvHostileFilesYamlDslTest extends CsvHostileFilesScenarios {

    @Override
    protected String dsl() {
        return "yaml";
    }
}
