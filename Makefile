# The two commands of the README:
#   make run    build and open the desk app (installs missing system packages)
#   make test   the whole test suite, as CI runs it
# Everything uses one flag set (-tags migrated_fynedo) so the slow cgo OpenGL
# build is cached once per target (docs/platform notes).
TAGS := migrated_fynedo

.PHONY: run test build windows wine-smoke crashtest bench fuzz smoke

run:
	@scripts/deps.sh run
	go run -tags $(TAGS) ./cmd/motcua

test:
	@scripts/test.sh

build:
	go build -tags $(TAGS) -o bin/ ./cmd/...

windows:
	@scripts/windows.sh

wine-smoke: windows
	@scripts/wine-smoke.sh

crashtest:
	go test -run 'TestCrash$$' -v -count=1 ./store -crash.rounds=50 -crash.intakes=1000

fuzz:
	@scripts/fuzz.sh 60s all

smoke:
	@scripts/smoke-xvfb.sh

# The performance suite (docs/bench.md): writes bench/latest.md and .json.
bench:
	@scripts/bench.sh $(BENCH_FLAGS)
