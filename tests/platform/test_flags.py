"""tf.app.flags parsing (--job_name=ps --task_index=0 ...) and tf.app.run."""
import pytest

from varflow.platform import app, flags


@pytest.fixture
def fv():
    return flags.FlagValues()


def _define_cluster_flags(fv):
    flags.DEFINE_string("job_name", "", "ps or worker", flag_values=fv)
    flags.DEFINE_integer("task_index", 0, "task index", flag_values=fv)
    flags.DEFINE_float("learning_rate", 0.1, "lr", flag_values=fv)
    flags.DEFINE_boolean("sync", False, "sync replicas", flag_values=fv)
    flags.DEFINE_bool("verbose", True, "talk", flag_values=fv)
    flags.DEFINE_list("ps_hosts", "localhost:2222", "ps hosts", flag_values=fv)


def test_parse_typical_cluster_command_line(fv):
    _define_cluster_flags(fv)
    rest = fv(["prog", "--job_name=ps", "--task_index", "1", "extra", "--sync", "--noverbose",
               "--ps_hosts=a:1,b:2", "--learning_rate=0.5", "--", "--not_a_flag"])
    assert rest == ["prog", "extra", "--not_a_flag"]
    assert (fv.job_name, fv.task_index, fv.learning_rate) == ("ps", 1, 0.5)
    assert fv.sync is True and fv.verbose is False
    assert fv.ps_hosts == ["a:1", "b:2"]
    assert fv["task_index"].present == 1


def test_defaults_errors_and_assignment(fv):
    _define_cluster_flags(fv)
    fv(["prog"])
    assert fv.ps_hosts == ["localhost:2222"] and fv.task_index == 0
    with pytest.raises(flags.UnrecognizedFlagError):
        fv(["prog", "--bogus=1"])
    with pytest.raises(flags.IllegalFlagValueError):
        fv(["prog", "--task_index=x"])
    with pytest.raises(flags.DuplicateFlagError):
        flags.DEFINE_string("job_name", "", "again", flag_values=fv)
    fv.job_name = "worker"
    assert fv.job_name == "worker"
    assert fv(["prog", "--bogus", "--job_name=ps"], known_only=True) == ["prog", "--bogus"]


def test_flags_parse_sys_argv_on_first_access(fv, monkeypatch):
    flags.DEFINE_integer("steps", 3, "steps", flag_values=fv)
    monkeypatch.setattr("sys.argv", ["prog", "--steps=9"])
    assert fv.steps == 9


def test_app_run_parses_flags_and_exits_with_main_result(monkeypatch):
    fv = flags.FlagValues()
    monkeypatch.setattr(flags, "FLAGS", fv)
    flags.DEFINE_string("job_name", "", "ps or worker", flag_values=fv)
    seen = []

    def main(argv):
        seen.append((argv, fv.job_name))
        return 0

    with pytest.raises(SystemExit) as exit_info:
        app.run(main, ["prog", "--job_name=worker", "pos"])
    assert exit_info.value.code == 0
    assert seen == [(["prog", "pos"], "worker")]
    with pytest.raises(SystemExit) as exit_info:
        app.run(main, ["prog", "--unknown=1"])
    assert exit_info.value.code == 1
