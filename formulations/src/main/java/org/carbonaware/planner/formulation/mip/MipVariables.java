package org.carbonaware.planner.formulation.mip;

import java.util.ArrayList;
import java.util.List;

import com.google.ortools.linearsolver.MPVariable;

/** The variables of the MPSolver transition-flow model: one binary per surviving arc. */
final class MipVariables {

    final List<List<Arc>> arcsByEpoch = new ArrayList<>();

    record Arc(int epoch, int from, int to, MPVariable variable) {
    }
}
