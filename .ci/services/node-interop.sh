# Node.js and the providers' signing libraries (stripe, standardwebhooks, svix, @octokit/webhooks-methods) for
# the webhook interop tests. Sourced by .ci/run with `set -euo pipefail`; idempotent.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  apt-get update
  apt-get install -y nodejs npm
fi

interop_dir="tests/AccountingSync.Webhooks.AspNetCore.Tests/Interop/node"
if [ ! -d "$interop_dir/node_modules/stripe" ]; then
  (cd "$interop_dir" && npm ci --no-audit --no-fund)
fi
