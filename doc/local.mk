# Documentation: the manual page, bash completion, the licence, the news and
# the contract documents the README cites (installed in docdir).
dist_man1_MANS = doc/tkvv.1
dist_doc_DATA = README.md NEWS doc/interfaces.md doc/domain.md \
	doc/quality-metrics.md doc/regroup-metrics.md doc/regroup-notes.md doc/style.md
EXTRA_DIST += COPYING doc/tkvv.bash
# The Debian packaging and its test (scripts/deb builds from a checkout).
EXTRA_DIST += debian tests/deb/install.sh

# Bash completion, installed as `tkvv` in bash-completion's completionsdir
# (configure: --with-bash-completion-dir).
install-data-local: install-bash-completion
uninstall-local: uninstall-bash-completion
install-bash-completion:
	$(MKDIR_P) '$(DESTDIR)$(bashcompletiondir)'
	$(INSTALL_DATA) $(srcdir)/doc/tkvv.bash '$(DESTDIR)$(bashcompletiondir)/tkvv'
uninstall-bash-completion:
	rm -f '$(DESTDIR)$(bashcompletiondir)/tkvv'
.PHONY: install-bash-completion uninstall-bash-completion
