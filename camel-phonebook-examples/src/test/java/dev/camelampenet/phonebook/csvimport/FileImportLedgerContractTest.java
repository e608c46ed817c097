package dev.camelampenet.phonebook.csvimport;

/** The ledger contract on the embedded default: a file per import in the work folder. */
class FileImportLedgerContractTest extends ImportLedgerContract {

    @Override
    protected ImportLedger open(String key) throws Exception {
        return ImportLedger.open(dir.resolve(".work").resolve(key + ".ledger"), "file=" + key + ".csv");
    }
}
