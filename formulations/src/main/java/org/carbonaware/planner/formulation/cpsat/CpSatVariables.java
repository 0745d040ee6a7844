package org.carbonaware.planner.formulation.cpsat;

import java.util.ArrayList;
import java.util.List;

import com.google.ortools.sat.BoolVar;

/** The variables of the CP-SAT transition-flow model: one literal per surviving arc (epoch, from node, to node). */
final class CpSatVariables {

    /** arcs.get(t): the arcs into epoch t. */
    final List<List<Arc>> arcsByEpoch = new ArrayList<>();

    record Arc(int epoch, int from, int to, BoolVar literal) {
    }
}
