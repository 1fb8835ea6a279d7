// Signs deliveries with each provider's own library, so the C# tests check our verifiers against them.
// Reads a JSON array of { provider, secret, body, id, timestamp } on stdin and writes a JSON array of
// header objects (name -> value) in the same order.
import Stripe from "stripe";
import { Webhook as StandardWebhook } from "standardwebhooks";
import { Webhook as SvixWebhook } from "svix";
import { sign as signGitHub } from "@octokit/webhooks-methods";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const requests = JSON.parse(Buffer.concat(chunks).toString("utf8"));
const stripe = new Stripe("sk_test_interop_only");

const results = [];
for (const r of requests) {
  switch (r.provider) {
    case "stripe":
      results.push({
        "Stripe-Signature": stripe.webhooks.generateTestHeaderString({
          payload: r.body, secret: r.secret, timestamp: r.timestamp,
        }),
      });
      break;
    case "standard-webhooks": {
      const date = new Date(r.timestamp * 1000);
      results.push({
        "webhook-id": r.id,
        "webhook-timestamp": String(r.timestamp),
        "webhook-signature": new StandardWebhook(r.secret).sign(r.id, date, r.body),
      });
      break;
    }
    case "svix": {
      const date = new Date(r.timestamp * 1000);
      results.push({
        "svix-id": r.id,
        "svix-timestamp": String(r.timestamp),
        "svix-signature": new SvixWebhook(r.secret).sign(r.id, date, r.body),
      });
      break;
    }
    case "github":
      results.push({
        "X-Hub-Signature-256": await signGitHub(r.secret, r.body),
        "X-GitHub-Delivery": r.id,
        "X-GitHub-Event": "push",
      });
      break;
    default:
      throw new Error(`unknown provider ${r.provider}`);
  }
}

process.stdout.write(JSON.stringify(results));
