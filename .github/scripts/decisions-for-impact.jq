# Turns an export of recorded decisions (GET /v1/decisions/export, one JSON record a line) into what the rules
# workflow's impact job needs, and nothing more: each deal as the rules read it, the advice that was answered and
# what became of it.
#
#   jq -c -f .github/scripts/decisions-for-impact.jq export.ndjson > decisions.ndjson
#
# The impact job runs a pull request's rules, so what it is given must not identify a client or a person, nor
# carry what someone wrote about them. Kept: every field the rules decide on (numbers, flags, enums, dates, the
# order of lists) and the names of competitors (a referral names the first one that fits, and a change in who is
# named is an impact to see) and of the incumbent vendor (a supplier, not the client). Replaced by a placeholder of
# the same presence: the client's and the offering's names, the desired outcome, milestone names, the reason for
# pushing, incident summaries (texts the rules only repeat in their explanations; a placeholder keeps a text that
# was present present and a blank one blank, since the rules test some of them for presence). Of the outcome, only
# what rules-impact counts: the result, whether the advice was followed and whether the client stayed. Dropped: the
# client's own id, who called, the channel, the shadow, who reported the outcome and when, and the answer's headline,
# actions, warnings and the wording of its reasons (they repeat the texts above). Records whose deal is gone (past
# detail retention) are left out: there is nothing to decide again.

# A text that was there stays there, as $word; a blank one stays blank; a missing one stays missing.
def veil($word): if type == "string" then (if test("^\\s*$") then "" else $word end) else . end;

# Applies f to the object member $key, when there is one.
def member($key; f): if type == "object" and (.[$key] | type) == "object" then .[$key] |= f else . end;
def text($key; $word): if type == "object" and has($key) then .[$key] |= veil($word) else . end;
def each($key; f): if type == "object" and (.[$key] | type) == "array" then .[$key] |= f else . end;

select(type == "object" and (.deal | type) == "object")
| {
    decisionId,
    asOf,
    deal: (.deal
      | member("client"; text("name"; "a client") | del(.id))
      | member("offering"; text("name"; "an offering"))
      | member("discovery"; text("desiredOutcome"; "the outcome agreed"))
      | member("pressure"; text("reason"; "a reason"))
      | each("milestones"; [to_entries[] | .key as $i | .value | text("name"; "milestone \($i + 1)")])
      | each("incidents"; map(text("summary"; "an incident")))),
    advice: (.advice
      | if type == "object"
        then {advice, referTo, revisitOn, reasons: [(.reasons // [])[] | {rule, truth, advice}]}
        else null end),
    outcome: (.outcome | if type == "object" then {result, adviceFollowed, clientRetained} else null end)
  }
