package dev.shipyard.graph;

import dev.shipyard.dockerfile.DockerfileException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/** Ordering of stages: reachability from the target, cycle detection, topological order and waves. */
final class StageOrder {

    private StageOrder() {
    }

    /** The stages {@code target} needs, dependencies first; a cycle among them is an error naming a stage. */
    static List<Integer> topological(String fileName, List<StageNode> nodes, int target) {
        List<Integer> order = new ArrayList<>();
        Map<Integer, Boolean> state = new HashMap<>(); // false: on the current path, true: done
        visit(fileName, nodes, target, state, order);
        return order;
    }

    private static void visit(String fileName, List<StageNode> nodes, int index, Map<Integer, Boolean> state,
                              List<Integer> order) {
        Boolean seen = state.get(index);
        if (Boolean.TRUE.equals(seen)) {
            return;
        }
        if (Boolean.FALSE.equals(seen)) {
            throw new DockerfileException(fileName, nodes.get(index).from().range(),
                    "circular dependency detected on stage: " + nodes.get(index).displayName());
        }
        state.put(index, false);
        for (int dependency : nodes.get(index).dependsOn()) {
            visit(fileName, nodes, dependency, state, order);
        }
        state.put(index, true);
        order.add(index);
    }

    /** Groups the ordered stages by depth: a stage's wave is one more than its deepest dependency's. */
    static List<SortedSet<Integer>> waves(List<StageNode> nodes, List<Integer> order) {
        Map<Integer, Integer> depth = new HashMap<>();
        List<SortedSet<Integer>> waves = new ArrayList<>();
        for (int index : order) {
            int d = 0;
            for (int dependency : nodes.get(index).dependsOn()) {
                d = Math.max(d, depth.get(dependency) + 1);
            }
            depth.put(index, d);
            while (waves.size() <= d) {
                waves.add(new TreeSet<>());
            }
            waves.get(d).add(index);
        }
        return waves.stream().map(w -> (SortedSet<Integer>) java.util.Collections.unmodifiableSortedSet(w)).toList();
    }
}
