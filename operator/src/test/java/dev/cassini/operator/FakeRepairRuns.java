package dev.cassini.operator;

import dev.cassini.api.v1alpha1.CassandraCluster;
import dev.cassini.api.v1alpha1.CassandraRepair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Continuous repair's calls, recorded; the repairs and tables are what a test puts in. */
final class FakeRepairRuns implements RepairRuns {
    final List<CassandraRepair> repairs = new ArrayList<>();
    final Map<String, Long> tables = new LinkedHashMap<>();
    final List<String> calls = new ArrayList<>();

    @Override
    public List<CassandraRepair> repairsOf(CassandraCluster cluster) {
        return List.copyOf(repairs);
    }

    @Override
    public void create(CassandraRepair repair) {
        calls.add("create " + repair.getMetadata().getName());
        repairs.add(repair);
    }

    @Override
    public void setSuspend(String namespace, String name, boolean suspend) {
        calls.add((suspend ? "suspend " : "resume ") + name);
    }

    @Override
    public void delete(String namespace, String name) {
        calls.add("delete " + name);
    }

    @Override
    public Map<String, Long> tables(CassandraCluster cluster) {
        return Map.copyOf(tables);
    }
}
