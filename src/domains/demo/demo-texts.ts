import type { TeamKey } from "./roster.ts";

/**
 * Text written for the demo (not taken from a dataset): agent replies for banking questions,
 * the poor replies that give the QA screens something to flag, and short follow-ups that the
 * GoEmotions selection is too thin to cover. `{{slot}}` markers are filled per conversation.
 */

/** bitext category → the team that handles it. */
export const TEAM_BY_BITEXT_CATEGORY: Record<string, TeamKey> = {
  payment: "billing",
  refund: "billing",
  invoice: "billing",
  cancellation_fee: "billing",
  order: "orders",
  delivery: "orders",
  shipping_address: "orders",
  feedback: "orders",
  account: "accounts",
  contact: "accounts",
  newsletter: "accounts",
};

export type BankingGroup =
  | "card_delivery"
  | "card_problem"
  | "lost_card"
  | "transfer"
  | "top_up"
  | "charges"
  | "refund"
  | "identity";

/** Sorts the 77 BANKING77 intents into the handful of answers the demo has. */
export function classifyBankingIntent(intent: string): BankingGroup {
  const i = intent.toLowerCase();
  if (/lost_or_stolen|compromised/.test(i)) return "lost_card";
  if (/refund|reverted/.test(i)) return "refund";
  if (/top_up|topping_up/.test(i)) return "top_up";
  if (/fee|charge|exchange|twice|wrong_amount|not_recognised|extra/.test(i)) return "charges";
  if (/transfer|beneficiary|receiving_money|balance_not_updated|direct_debit/.test(i))
    return "transfer";
  if (
    /card_arrival|delivery_estimate|physical_card|spare_card|order_physical|about_to_expire/.test(i)
  )
    return "card_delivery";
  if (/verify|identity|personal_details|passcode|terminate|age_limit|country|funds/.test(i))
    return "identity";
  return "card_problem";
}

export const TEAM_BY_BANKING_GROUP: Record<BankingGroup, TeamKey> = {
  card_delivery: "orders",
  card_problem: "accounts",
  lost_card: "accounts",
  transfer: "billing",
  top_up: "billing",
  charges: "billing",
  refund: "billing",
  identity: "accounts",
};

export const BANKING_REPLIES: Record<BankingGroup, string> = {
  card_delivery:
    "Cards usually arrive within 5-7 business days of the order. I can see yours was dispatched on {{date}}, so it should be with you shortly. If it hasn't arrived by the end of next week, reply here and I'll cancel it and send a replacement free of charge.",
  card_problem:
    "I'm sorry your card is giving you trouble. I've checked your account and there is no block on the card itself. Please restart the app and make one chip-and-PIN payment; that usually resets contactless and ATM access. If it still fails, I can order a replacement card right now, and it arrives within 5-7 business days.",
  lost_card:
    "Thank you for letting us know so quickly. I've frozen the card so nobody can use it, and I've been through the recent transactions: nothing unusual has gone through. A replacement card is on its way and should arrive within 5-7 business days. You can keep paying with your phone once the new card is added to your wallet.",
  transfer:
    "I've looked into the transfer. It left your account on {{date}} and is with the receiving bank now. Transfers in the same currency normally arrive within one business day; international ones can take 3-5 business days. If it hasn't arrived by then, send me the recipient's details and I'll open a trace with reference {{order}}.",
  top_up:
    "I can see the top-up on your account. It's pending while your card issuer confirms it, which usually takes a few minutes and at most an hour. If it fails, the money is released back to your card automatically, so you won't be charged twice.",
  charges:
    "I understand an unexpected charge is frustrating. I've checked the transaction: the fee is our standard charge for this type of payment, and it's listed under Fees in the app. As this is the first time it has come up, I've refunded it as a one-off goodwill credit; you'll see it within {{days}}.",
  refund:
    "I've checked the refund on your account. The merchant issued it on {{date}}, and card refunds normally take {{days}} to show on your balance. If it isn't there by then, reply here with the merchant's name and I'll raise a dispute for you.",
  identity:
    "Thanks for your patience. We ask for identity verification to keep your account safe and because financial regulations require it. In the app, go to Profile, then Verify identity, and take a photo of your ID and a quick selfie; most checks finish within 10 minutes. If it doesn't go through, reply here and I'll review it myself.",
};

/** Short replies with no greeting, empathy or reason: what a `curt` agent sends. */
export const CURT_REPLIES: readonly string[] = [
  "It's all on the website.",
  "That's in the FAQ.",
  "You can do that yourself in your account.",
  "Not something we do over chat.",
  "Already sent you the link.",
  "Check the help centre.",
];

/** Curt but on topic, by bitext category or banking group. */
export const CURT_REPLIES_BY_CATEGORY: Record<string, readonly string[]> = {
  order: ["Check your order history.", "Orders can be changed in My Orders until they ship."],
  delivery: ["Tracking is in your account.", "Delivery takes 3-5 days."],
  shipping_address: ["Change it in your profile.", "Addresses are under Account Settings."],
  feedback: ["Noted.", "You can leave a review on the website."],
  account: ["Use the Forgot Password link.", "Just log in and change it."],
  contact: ["We're open {{hours}}.", "You're talking to support."],
  newsletter: ["The unsubscribe link is at the bottom of every email."],
  payment: ["Try a different card.", "We take the cards listed at checkout."],
  refund: [
    "Refunds take {{days}}. Nothing I can do to speed it up.",
    "It's processing. Wait for the email.",
  ],
  invoice: ["Invoices are under Billing.", "Download it from your account."],
  cancellation_fee: ["The fees are in your contract."],
  card_delivery: ["Cards take 5-7 business days."],
  card_problem: ["Try restarting the app."],
  lost_card: ["Freeze the card in the app."],
  transfer: ["Transfers take up to 5 business days."],
  top_up: ["It's pending. Wait an hour."],
  charges: ["That's the standard fee."],
  identity: ["Follow the steps in the app."],
};

/** Policy framing without a reason or an alternative: what a `policy` agent sends. */
export const POLICY_REPLIES: readonly string[] = [
  "As per our policy, we are unable to do that.",
  "Unfortunately that is against company policy.",
  "Per policy, nothing can be changed once the request has been submitted. There is nothing further I can do.",
  "Our policy does not allow exceptions. Please refer to the terms and conditions.",
  "I'm not authorised to make exceptions to the policy.",
  "As per policy, I can't share that information here. Please use the website.",
  "Company policy is that this has to be handled by the customer through the account page.",
  "Per our policy, requests like this take {{days}}. I cannot escalate it.",
];

export const POOR_FOLLOW_UP_REPLIES: readonly string[] = [
  "As I said, that's the policy.",
  "I've already explained this.",
  "There's nothing more I can do.",
  "You can email us if you want to complain.",
  "Like I said, check the website.",
  "Ok.",
];

export const GOOD_APOLOGIES: readonly string[] = [
  "I'm really sorry about this, {{first}}. I've escalated it to my team lead and we'll come back to you by tomorrow with a proper fix.",
  "I completely understand, and I apologise for the back and forth. I've added a note to your account and I'll follow up personally within 24 hours.",
  "You're right to be frustrated, and I'm sorry. I've gone ahead and fixed it on our side now; you'll get a confirmation email in the next few minutes.",
];

export const GOOD_WELCOMES: readonly string[] = [
  "You're very welcome, {{first}}! Have a lovely day.",
  "Glad I could help! Is there anything else I can do for you today?",
  "Happy to help. Take care!",
  "My pleasure, {{first}}. Thanks for being a {{company}} customer!",
];

export const GOOD_CLARIFY: readonly string[] = [
  "Sorry, that wasn't clear! In short: {{short}} Does that make sense?",
  "No problem, let me put it another way. {{short}} Let me know if anything is still unclear.",
];

/** Follow-ups written for the demo, to back up the small GoEmotions selection. */
export const CUSTOMER_LINES: Record<
  "thanks" | "negative" | "confused" | "worried",
  readonly string[]
> = {
  thanks: [
    "Perfect, that worked. Thank you!",
    "Great, thanks for the quick help.",
    "That's sorted it, cheers.",
  ],
  negative: [
    "That doesn't answer my question.",
    "I've already tried that twice.",
    "This is the third time I'm contacting you about this.",
    "Seriously? I've been waiting a week.",
    "So nobody can actually help me?",
    "That's not good enough.",
    "I'd like to speak to a supervisor, please.",
  ],
  confused: [
    "Sorry, where do I find that?",
    "I don't see that option anywhere.",
    "Can you explain that again?",
  ],
  worried: [
    "I'm really worried someone has my details.",
    "Is my money safe?",
    "What if it happens again?",
  ],
};

export const PHONE_BACKCHANNELS: readonly string[] = [
  "Okay.",
  "Mm-hm.",
  "Right.",
  "Yeah.",
  "Okay, got it.",
  "Uh-huh.",
];

export const CHAT_BOT_GREETING =
  "Hi! You're chatting with {{company}} support. An agent will be with you shortly.";
