package dev.ctrlstore.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** Schema calls of the executive (admin token needed). */
final class SchemaCommands {
    private SchemaCommands() {
    }

    @Command(name = "create-family", mixinStandardHelpOptions = true,
            description = "Creates a family of control tables. An existing family is reported, not an error.")
    static final class CreateFamily implements Callable<Integer> {
        @Mixin
        ExecutiveOptions executive;

        @Parameters(paramLabel = "FAMILY", description = "The family's name.")
        String family;

        @Override
        public Integer call() {
            System.out.println(executive.client().createFamilyIfMissing(family) ? "created family " + family
                    : "family " + family + " already exists");
            return 0;
        }
    }

    @Command(name = "create-table", mixinStandardHelpOptions = true,
            description = "Creates a control table. Types: string, integer, decimal, text, binary, bytestring; key "
                    + "fields must be string, integer or bytestring.")
    static final class CreateTable implements Callable<Integer> {
        @Mixin
        ExecutiveOptions executive;

        @Option(names = {"-f", "--family"}, required = true, description = "The table's family.")
        String family;

        @Option(names = "--field", required = true, paramLabel = "NAME:TYPE",
                description = "A field, in order; repeat for each.")
        List<String> fields;

        @Option(names = "--key-field", required = true, paramLabel = "NAME",
                description = "A key field, in key order; repeat for each.")
        List<String> keyFields;

        @Parameters(paramLabel = "TABLE", description = "The table's name.")
        String table;

        @Override
        public Integer call() {
            executive.client().createTable(family, table, pairs(fields), keyFields);
            System.out.println("created table " + family + "." + table);
            return 0;
        }
    }

    @Command(name = "add-fields", mixinStandardHelpOptions = true, description = "Adds fields to a control table.")
    static final class AddFields implements Callable<Integer> {
        @Mixin
        ExecutiveOptions executive;

        @Option(names = {"-f", "--family"}, required = true, description = "The table's family.")
        String family;

        @Option(names = {"-t", "--table"}, required = true, description = "The table.")
        String table;

        @Option(names = "--field", required = true, paramLabel = "NAME:TYPE",
                description = "A new field; repeat for each.")
        List<String> fields;

        @Override
        public Integer call() {
            executive.client().addFields(family, table, pairs(fields));
            System.out.println("added " + fields.size() + " field(s) to " + family + "." + table);
            return 0;
        }
    }

    static List<List<String>> pairs(List<String> fields) {
        List<List<String>> out = new ArrayList<>();
        for (String f : fields) {
            int colon = f.indexOf(':');
            if (colon <= 0 || colon == f.length() - 1) {
                throw new Main.UsageException("--field '" + f + "' must be NAME:TYPE, e.g. --field id:integer");
            }
            out.add(List.of(f.substring(0, colon), f.substring(colon + 1)));
        }
        return out;
    }
}
