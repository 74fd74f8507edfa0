"""Reads the run files of every Mentor build, for the summarize scripts.

Since run records have versions (each JSON document carries "format": "mentor-KIND" and "version"), every key
is snake_case: rounds.json's "test_accuracy", metrics.jsonl's "train_loss". Files of earlier builds spelled
some records in camelCase ("testAccuracy", "pseudoLabels", "selectedAccuracy") and put a reported model's
accuracy in metrics.json under a key of its own ("teacher_test_accuracy", now test_accuracy_by_role.teacher).
field() reads a key in either spelling, so the hundreds of runs made before keep reading.
"""


def camel(name):
    """labels_per_class -> labelsPerClass"""
    first, *rest = name.split("_")
    return first + "".join(part.title() for part in rest)


def field(record, name, default=None):
    """record[name], or the camelCase spelling an earlier build wrote; default when neither is there (or record is None)."""
    if record is None:
        return default
    if name in record:
        return record[name]
    return record.get(camel(name), default)


def role_accuracy(metrics, role):
    """The test accuracy of a model a run reports by role (MPL's "teacher", mutual learning's "first"), or None."""
    by_role = metrics.get("test_accuracy_by_role")
    if by_role is not None:
        return by_role.get(role)
    return metrics.get(f"{role}_test_accuracy")


def final_round(rounds):
    """The record of the round whose model is a self-training run's (rounds.json's final_model, --final); the last
    round in a file of a build that always returned it."""
    chosen = rounds.get("final_model")
    if chosen is not None:
        for r in rounds["rounds"]:
            if r["round"] == chosen["round"]:
                return r
    return rounds["rounds"][-1]


def fit_choice(fit):
    """A fit.json's baseline (its first stage) and the stage it chose: (baseline, chosen, below), below True when the choice
    is under the baseline on validation or on test (issue 18's criterion)."""
    base = fit["stages"][0]
    chosen = next(s for s in fit["stages"] if s["stage"] == fit["chosen"])
    below = (chosen["test_accuracy"] < base["test_accuracy"]
             or chosen["validation_accuracy"] < base["validation_accuracy"])
    return base, chosen, below
