# Builds the Lambda packages. `sam build` (BuildMethod: makefile, CodeUri: .) runs
# `make build-<LogicalId>` with ARTIFACTS_DIR set to the function's package folder; each target
# publishes one function as a Native AOT executable (named after its project: Detector, Notifier) and
# copies it there as `bootstrap`, the file name the provided.al2023 runtime runs.
#
#   sam build                       arm64 (the template's default Architecture)
#   ARCH=x86_64 sam build           then deploy with --parameter-overrides Architecture=x86_64
#   make build-DetectorFunction ARTIFACTS_DIR=/tmp/detector     without SAM
#
# Native AOT compiles for the machine's own CPU unless a cross toolchain is installed (an arm64
# build on an x86_64 machine needs clang and an arm64 sysroot): build arm64 on an arm64 machine
# (CI runner or Graviton), or use ARCH=x86_64 with Architecture=x86_64. A mismatch stops at once
# (check-arch) instead of after minutes of compiling; CROSS=1 skips the check when a cross
# toolchain is installed.

ARCH ?= arm64
CONFIGURATION ?= Release

ifeq ($(ARCH),arm64)
RID := linux-arm64
else ifeq ($(ARCH),x86_64)
RID := linux-x64
else
$(error ARCH must be arm64 or x86_64, not '$(ARCH)')
endif

# uname -m says aarch64 where Lambda says arm64.
HOST_ARCH := $(patsubst aarch64,arm64,$(shell uname -m))

.PHONY: build-DetectorFunction build-NotifierFunction lint-templates check-arch

build-DetectorFunction: check-arch
	$(call publish-bootstrap,src/Detector/Detector.csproj)

build-NotifierFunction: check-arch
	$(call publish-bootstrap,src/Notifier/Notifier.csproj)

check-arch:
	@if [ "$(ARCH)" != "$(HOST_ARCH)" ] && [ "$(CROSS)" != "1" ]; then \
		echo "ARCH=$(ARCH) but this machine is $(HOST_ARCH): Native AOT builds for the machine's own CPU." >&2; \
		echo "Run 'ARCH=$(HOST_ARCH) sam build' and deploy with '--parameter-overrides Architecture=$(HOST_ARCH)'," >&2; \
		echo "or build on an $(ARCH) machine (CROSS=1 if a cross toolchain for $(ARCH) is installed)." >&2; \
		exit 2; \
	fi

lint-templates:
	cfn-lint template.yaml infra/*.yaml

# $(1): the function's project. Builds in a private temporary folder (its own obj/bin, so a
# concurrent build or test run in the repository is not disturbed), fails unless it produced the
# project's executable, and copies that as bootstrap, the entry point of the provided.al2023 runtime
# ("Building a custom runtime", AWS Lambda Developer Guide).
define publish-bootstrap
	@test -n "$(ARTIFACTS_DIR)" || { echo "ARTIFACTS_DIR is not set (sam build sets it)" >&2; exit 2; }
	@set -e; work=$$(mktemp -d); trap 'rm -rf "$$work"' EXIT; \
	exe="$$work/publish/$(basename $(notdir $(1)))"; \
	dotnet publish $(1) -c $(CONFIGURATION) -r $(RID) -p:PublishAot=true \
		--artifacts-path "$$work/artifacts" -o "$$work/publish"; \
	test -x "$$exe" || { echo "$(1): no executable $$exe was published" >&2; exit 1; }; \
	mkdir -p "$(ARTIFACTS_DIR)"; \
	cp "$$exe" "$(ARTIFACTS_DIR)/bootstrap"; \
	echo "$(ARTIFACTS_DIR)/bootstrap ($(RID))"
endef
