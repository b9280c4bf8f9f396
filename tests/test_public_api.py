import newstrace


def test_all_is_sorted_and_complete():
    assert newstrace.__all__ == sorted(newstrace.__all__)
    for name in newstrace.__all__:
        assert getattr(newstrace, name) is not None


def test_public_api_is_pinned():
    # Changing the public API is a deliberate act: update this list together with the docs.
    assert newstrace.__all__ == [
        "Archive",
        "ArchiveError",
        "Article",
        "Boilerplate",
        "CheckResult",
        "FetchError",
        "InputError",
        "MissingExtraError",
        "NewstraceError",
        "Reason",
        "Rejected",
        "__version__",
        "check",
        "read_source",
    ]


def test_errors_form_one_hierarchy():
    for exc in (newstrace.ArchiveError, newstrace.InputError, newstrace.FetchError, newstrace.MissingExtraError):
        assert issubclass(exc, newstrace.NewstraceError)


def test_missing_extra_names_install_command():
    from newstrace.errors import MissingExtraError, require

    try:
        require("module_that_does_not_exist_42", feature="the web service", extra="web")
    except MissingExtraError as exc:
        assert "pip install 'newstrace[web]'" in str(exc)
    else:  # pragma: no cover
        raise AssertionError("require() did not raise")


def test_check_stays_a_function_after_submodules_load():
    # A submodule named like a public function would replace it on import.
    import newstrace.pipeline  # noqa: F401
    from newstrace.report import Report  # noqa: F401

    assert callable(newstrace.check) and not isinstance(newstrace.check, type(newstrace))
