import type { Db } from "../../db/client.ts";
import { importArticles } from "./kb.service.ts";

/**
 * The demo organization's knowledge base: the topics its demo conversations are about (double
 * charges, refunds, late parcels, cancellations), so the live panel and the bot have answers.
 * Imported as CSV with keys, so seeding twice updates rather than duplicates.
 */
const ARTICLES: [key: string, title: string, tags: string, body: string][] = [
  [
    "refund-double-charge",
    "Refund a double charge",
    "billing; refund",
    "If a customer was charged twice for the same order, refund the duplicate payment from the Billing tab. " +
      "Select the duplicate transaction and choose Refund duplicate. The refund reaches the card within 3 to 5 working days. " +
      "Tell the customer the exact date to expect it and send the refund reference by email.",
  ],
  [
    "refund-timescales",
    "Refund timescales",
    "billing; refund",
    "Card refunds take 3 to 5 working days after we issue them. Bank transfers take up to 2 working days. " +
      "If a refund has not arrived after 7 working days, raise a payment trace from the Billing tab and give the customer the trace reference.",
  ],
  [
    "late-delivery",
    "Late or missing delivery",
    "delivery",
    "Check the tracking page first: most late parcels are held at the local depot. " +
      "If the parcel is more than 3 days late, offer a free redelivery or a replacement shipped by next-day courier. " +
      "If it is marked delivered but missing, open a lost-parcel claim and send a replacement the same day.",
  ],
  [
    "cancel-subscription",
    "Cancel a subscription",
    "account; retention",
    "Customers can cancel at any time from Account > Plan. Before cancelling, ask what prompted it: " +
      "a pause of up to 3 months, a downgrade to the Basic plan, or a loyalty discount may fit better. " +
      "If they still want to cancel, cancel immediately and confirm by email; the plan stays active until the end of the paid period.",
  ],
  [
    "loyalty-discount",
    "Loyalty discount for long-standing customers",
    "retention; offers",
    "Customers with more than 2 years of tenure or on the Gold segment can be offered 10% off for 6 months. " +
      "Apply it from Account > Offers; it shows on the next invoice. Offer it once per customer per year.",
  ],
  [
    "complaint-handling",
    "Handling a complaint",
    "complaints",
    "Acknowledge the complaint in your own words before anything else, and apologise for the experience. " +
      "Log it as a case so the complaint clock starts. Give a clear next step with a time: who will do what, and by when.",
  ],
  [
    "vulnerable-customers",
    "Supporting customers in vulnerable circumstances",
    "vulnerability; compliance",
    "If a customer mentions illness, bereavement, money worries or difficulty understanding, slow down and check understanding. " +
      "Offer the extra-support flag on their account with their consent, and a named contact. Never pressure a decision on the call.",
  ],
  [
    "password-reset",
    "Reset a password or unlock an account",
    "account; login",
    "Send the reset link from Account > Security. The link is valid for 30 minutes. " +
      "After 5 failed attempts the account locks for 15 minutes; an agent can unlock it sooner after verifying the customer.",
  ],
  [
    "upgrade-plan",
    "Upgrade to the Premium plan",
    "sales; plan",
    "Premium adds next-day delivery and priority support. Upgrades take effect immediately and the price difference is prorated on the next invoice.",
  ],
  [
    "callback-promise",
    "Promising a callback",
    "service",
    "Only promise a callback with a time window you can keep, for example before 5 pm tomorrow. " +
      "Book it in the callback calendar while the customer is on the line and read the time back to them.",
  ],
];

const csvCell = (s: string) => `"${s.replaceAll('"', '""')}"`;

export async function seedDemoArticles(db: Db, orgId: string): Promise<number> {
  const csv = [
    "key,title,tags,body",
    ...ARTICLES.map(([key, title, tags, body]) => [key, title, tags, body].map(csvCell).join(",")),
  ].join("\n");
  const result = await importArticles(db, orgId, {
    format: "csv",
    fileName: "demo-kb.csv",
    content: csv,
  });
  return result.ids.length;
}
