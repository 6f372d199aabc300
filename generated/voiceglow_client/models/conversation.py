from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..errors import ResponseShapeError, excerpt
from ..models.conversation_state import ConversationState
from ..types import (
    ANY,
    BOOLEAN,
    INTEGER,
    NUMBER,
    STRING,
    UNSET,
    Choice,
    Field,
    ListOf,
    ModelRef,
    ModelShape,
    Unset,
    decode,
)

if TYPE_CHECKING:
    from ..models.assignee import Assignee
    from ..models.conversation_funnel_extracted_data import ConversationFunnelExtractedData
    from ..models.crm_activity import CrmActivity
    from ..models.crm_alerts import CrmAlerts
    from ..models.detailed_cost import DetailedCost
    from ..models.handoff_entry import HandoffEntry
    from ..models.inbound_engagement_state import InboundEngagementState
    from ..models.nodes_info import NodesInfo
    from ..models.token_usage import TokenUsage
    from ..models.vapi_call import VapiCall
    from ..models.voice_session import VoiceSession
    from ..models.voiceflow_v4_session import VoiceflowV4Session


T = TypeVar("T", bound="Conversation")


@_attrs_define
class Conversation:
    """Full conversation metadata, including lead information. (Page.) Every field is optional except `ID`: the page's
    example omits most of them, and a real API omits what it does not know.

    """

    id: str
    """ Identifier of the conversation. (Page.) Required, as the one field every conversation must have. """
    user_email: str | Unset = UNSET
    """ Contact information: the lead's email address. (Page.) Inferred: format email. """
    user_name: str | Unset = UNSET
    """ Contact information: the lead's name. (Page.) """
    user_phone: str | Unset = UNSET
    """ Contact information: the lead's phone number. (Page.) The example uses E.164 (`+1234567890`); no format is
    enforced because the page states none. """
    user_address: str | Unset = UNSET
    """ Additional details: the lead's postal address. (Page.) """
    user_company: str | Unset = UNSET
    """ Additional details: the lead's company. (Page.) """
    user_website: str | Unset = UNSET
    """ Additional details: the lead's website. (Page.) Inferred: format uri, as in the example. """
    notes: str | Unset = UNSET
    """ Internal notes about the conversation/lead. (Page.) """
    user_profile_pic: str | Unset = UNSET
    """ Profile picture URL. (Page.) """
    value: float | Unset = UNSET
    """ Inferred: the monetary value of the lead (deal value), in `currency`. A number because money can be
    fractional. """
    currency: str | Unset = UNSET
    """ Inferred: currency of `value`, e.g. an ISO 4217 code. """
    expected_close_date: str | Unset = UNSET
    """ Inferred: the date the deal is expected to close. A string on the page; its date format is not stated. """
    sub_industry: str | Unset = UNSET
    """ Inferred: the lead's sub-industry. """
    source: str | Unset = UNSET
    """ Inferred: where the lead came from (lead source). """
    language: str | Unset = UNSET
    """ Inferred: the lead's language. """
    linked_in: str | Unset = UNSET
    """ Inferred: the lead's LinkedIn profile (URL or handle; the page does not say which). """
    facebook: str | Unset = UNSET
    """ Inferred: the lead's Facebook profile (URL or handle). """
    instagram: str | Unset = UNSET
    """ Inferred: the lead's Instagram profile (URL or handle). """
    demo_date: str | Unset = UNSET
    """ Inferred: the date of a scheduled demo. Date format not stated by the page. """
    demo_time: str | Unset = UNSET
    """ Inferred: the time of a scheduled demo. Time format not stated by the page. """
    demo_link: str | Unset = UNSET
    """ Inferred: the meeting link of a scheduled demo; format uri. """
    lost_reason: str | Unset = UNSET
    """ Inferred: why the lead was lost. """
    last_activity_date: str | Unset = UNSET
    """ Inferred: date of the lead's last CRM activity. A string on the page; format not stated. """
    user_id: str | Unset = UNSET
    """ Identifier of the user. (Page.) When the conversation is a call it is the caller's phone number, and it is
    not unique per conversation: treat it as personal data. (Third-party description.) """
    campaign_id: str | Unset = UNSET
    """ Inferred: the outbound campaign this conversation belongs to. """
    user_image: str | Unset = UNSET
    """ Inferred: URL of the user's image on the channel. """
    social_handle: str | Unset = UNSET
    """ Inferred: the user's handle on the social channel. """
    is_following_business: bool | Unset = UNSET
    """ Inferred: whether the user follows the business on the social channel. """
    social_verified: bool | Unset = UNSET
    """ Inferred: whether the user's social account is verified. """
    user_os: str | Unset = UNSET
    """ Inferred: the user's operating system (web chat). """
    user_browser: str | Unset = UNSET
    """ Inferred: the user's browser (web chat). """
    ip_address: str | Unset = UNSET
    """ Inferred: the user's IP address (IPv4 or IPv6, so no format is enforced). Personal data. """
    country_code: str | Unset = UNSET
    """ Inferred: the user's country code. """
    origin: Any | Unset = UNSET
    """ Channel (e.g., "web-chat", "whatsapp"). (Page.) Untyped on the page (`<unknown>`), so any JSON value is
    accepted; values seen include `web-chat`, `whatsapp`, `instagram`, `messenger` and `discord`. (Third-party
    description.) """
    state: ConversationState | Unset = UNSET
    """ Current conversation state. (Page: prose and example, not the response schema.) The values come from the
    third-party description. """
    whatsapp_phone_number_id: str | Unset = UNSET
    """ Inferred: WhatsApp Cloud API phone-number ID the conversation came through. """
    whatsapp_business_number: str | Unset = UNSET
    """ Inferred: the business's WhatsApp number. """
    whatsapp_display_phone_number: str | Unset = UNSET
    """ Inferred: the business's WhatsApp display phone number. """
    whatsapp_business_account_id: str | Unset = UNSET
    """ Inferred: the WhatsApp Business Account ID. """
    voiceflow_v4_session: VoiceflowV4Session | Unset = UNSET
    """ Inferred: the Voiceflow v4 session that backs the conversation. """
    messages_num: int | Unset = UNSET
    """ Number of messages exchanged. (Page.) """
    interactions_num: int | Unset = UNSET
    """ Inferred: number of interactions (turns) in the conversation. """
    ts: int | Unset = UNSET
    """ Timestamp of the conversation, Unix epoch. (Page.) Seconds, as in the example. """
    tags: list[str] | Unset = UNSET
    """ Categorization tags. (Page.) """
    convo_time_seconds: float | Unset = UNSET
    """ Inferred: duration of the conversation in seconds. A number because durations can be fractional. """
    first_message_ts: int | Unset = UNSET
    """ Timestamp of the first message, Unix epoch. (Page.) Seconds, as in the example. """
    last_message_ts: int | Unset = UNSET
    """ Timestamp of the last message, Unix epoch. (Page.) Seconds, as in the example. """
    user_platform: str | Unset = UNSET
    """ Inferred: the platform the user is on. """
    smb_contact: bool | Unset = UNSET
    """ Inferred: whether the user is a saved contact of the (WhatsApp) small-business account. """
    smb_contact_name: str | Unset = UNSET
    """ Inferred: the user's name in the small-business contacts. """
    smb_contact_removed_at: int | Unset = UNSET
    """ Inferred: when the small-business contact was removed, Unix epoch seconds. """
    smb_last_seen_at: int | Unset = UNSET
    """ Inferred: when the small-business contact was last seen, Unix epoch seconds. """
    human_claimed_at: int | Unset = UNSET
    """ Inferred: when a human agent claimed the conversation, Unix epoch seconds. """
    human_last_replied_at: int | Unset = UNSET
    """ Inferred: when a human agent last replied, Unix epoch seconds. """
    pending_ai_reply_at: int | Unset = UNSET
    """ Inferred: when the pending AI reply is due, Unix epoch seconds. """
    chat_assigned_to: str | Unset = UNSET
    """ Inferred: ID of the human agent the chat is assigned to. """
    handoff_history: list[HandoffEntry] | Unset = UNSET
    """ Inferred: the history of hand-offs from the AI to human agents. """
    is_typing: bool | Unset = UNSET
    """ Inferred: whether a participant is typing right now. """
    last_modified: int | Unset = UNSET
    """ When the conversation was last modified, Unix epoch. (Page.) Seconds, as in the example. """
    sessions_num: int | Unset = UNSET
    """ Inferred: number of sessions in the conversation. """
    lang: str | Unset = UNSET
    """ Inferred: language of the conversation. """
    vapi: VapiCall | Unset = UNSET
    """ Inferred: details of the voice call, when the conversation is a Vapi call. """
    rating_from_5: float | Unset = UNSET
    """ Inferred: the user's rating of the conversation, out of 5. A number because ratings can be averaged. """
    total_user_interactions: int | Unset = UNSET
    """ Inferred: total number of user interactions. """
    is_blocked: bool | Unset = UNSET
    """ Inferred: whether the user is blocked. """
    nodes_info: NodesInfo | Unset = UNSET
    """ Inferred: where the conversation is in the agent's flow. """
    captured_variables: Any | Unset = UNSET
    """ Inferred: variables captured during the conversation. Untyped on the page (`<unknown>`): any JSON value. """
    campaign_calls: list[Any] | Unset = UNSET
    """ Inferred: calls made for the campaign. `<array>` on the page: item type unknown. """
    sessions: list[Any] | Unset = UNSET
    """ Inferred: the conversation's sessions. `<array>` on the page: item type unknown. """
    end_reason: str | Unset = UNSET
    """ Inferred: why the conversation (or call) ended. """
    is_test: bool | Unset = UNSET
    """ Inferred: whether this is a test conversation. """
    metrics: list[Any] | Unset = UNSET
    """ Inferred: metrics recorded for the conversation. `<array>` on the page: item type unknown. """
    notify_to_user_id: str | Unset = UNSET
    """ Inferred: ID of the team member to notify about this conversation. """
    average_latency: float | Unset = UNSET
    """ Inferred: average reply latency. A number because latencies are fractional; the unit is not stated. """
    voice: VoiceSession | Unset = UNSET
    """ Inferred: the live voice session of a call. """
    detailed_cost: DetailedCost | Unset = UNSET
    """ Inferred: the cost of the conversation, broken down by service. """
    summary: str | Unset = UNSET
    """ Inferred: an AI-written summary of the conversation. """
    requested_team_key: str | Unset = UNSET
    """ Inferred: key of the team a hand-off was requested to. """
    delegated_by: str | Unset = UNSET
    """ Inferred: ID of the team member who delegated the conversation. """
    delegated_at: int | Unset = UNSET
    """ When the conversation was delegated, Unix epoch. (Third-party description.) Seconds, as in the page's
    example timestamps. """
    last_viewed: int | Unset = UNSET
    """ When the conversation was last viewed, Unix epoch. (Third-party description.) Seconds, as in the page's
    example timestamps. """
    note: str | Unset = UNSET
    """ Inferred: a single note on the conversation (distinct from the lead's `notes`). """
    assigned_to: Assignee | Unset = UNSET
    """ Inferred: the team member the conversation is assigned to. """
    hot_score: float | Unset = UNSET
    """ Inferred: how "hot" the lead is. A number because scores can be fractional. """
    crm_activities: list[CrmActivity] | Unset = UNSET
    """ Inferred: CRM activities (tasks, follow-ups) on the lead. """
    crm_alerts: CrmAlerts | Unset = UNSET
    """ Inferred: CRM alert flags raised on the lead. """
    contact_identity_id: str | Unset = UNSET
    """ Inferred: ID of the contact identity that links this user across channels. """
    linked_channels: list[str] | Unset = UNSET
    """ Inferred: other channels linked to the same contact. """
    cross_channel_context: str | Unset = UNSET
    """ Inferred: context carried over from the contact's other channels. """
    lead_score: float | Unset = UNSET
    """ Inferred: the lead's score (the page shows `0`). A number because scores can be fractional. """
    funnel_steps_matched: list[Any] | Unset = UNSET
    """ Inferred: funnel steps the conversation matched. `[]` on the page: item type unknown. """
    funnel_score_history: list[Any] | Unset = UNSET
    """ Inferred: history of funnel scores. `[]` on the page: item type unknown. """
    funnel_notification_sent: bool | Unset = UNSET
    """ Inferred: whether the funnel notification was sent. """
    funnel_last_evaluated: int | Unset = UNSET
    """ Inferred: when the funnel was last evaluated, Unix epoch seconds. """
    funnel_extracted_data: ConversationFunnelExtractedData | Unset = UNSET
    """ Inferred: data the funnel extracted from the conversation. `{}` on the page: any keys. """
    funnel_summary: str | Unset = UNSET
    """ Inferred: summary of the funnel evaluation. """
    token_usage: TokenUsage | Unset = UNSET
    """ Inferred: language-model token usage and its cost. """
    inbound_engagement_state: InboundEngagementState | Unset = UNSET
    """ Inferred: the AI's decisions on whether to reply to inbound messages. """
    title: str | Unset = UNSET
    """ Inferred: title of the conversation. """
    last_message: str | Unset = UNSET
    """ Inferred: text of the last message. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    @classmethod
    def _shape_(cls) -> ModelShape:
        """The documented fields of this model, as the decoder walks them."""
        return _shape()

    def to_dict(self) -> dict[str, Any]:
        """This model as JSON data: the documented fields, then any undocumented ones it keeps."""
        encoded: dict[str, Any] = _shape().encode(self)
        return encoded

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any], *, strict: bool = False) -> T:
        """Build the model from JSON data.

        Lenient (the default): values that depart from the spec are kept as they are.
        ``strict=True``: any departure raises ``ResponseShapeError`` naming every JSON path.
        Data that is not an object at all raises ``ResponseShapeError`` either way.
        """
        instance, problems = decode(cls, src_dict)
        if problems and (strict or not isinstance(instance, cls)):
            raise ResponseShapeError.from_problems(problems, body_excerpt=excerpt(repr(src_dict).encode()))
        return instance

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties


@functools.cache
def _shape() -> ModelShape:
    from ..models.assignee import Assignee  # noqa: PLC0415
    from ..models.conversation_funnel_extracted_data import ConversationFunnelExtractedData  # noqa: PLC0415
    from ..models.crm_activity import CrmActivity  # noqa: PLC0415
    from ..models.crm_alerts import CrmAlerts  # noqa: PLC0415
    from ..models.detailed_cost import DetailedCost  # noqa: PLC0415
    from ..models.handoff_entry import HandoffEntry  # noqa: PLC0415
    from ..models.inbound_engagement_state import InboundEngagementState  # noqa: PLC0415
    from ..models.nodes_info import NodesInfo  # noqa: PLC0415
    from ..models.token_usage import TokenUsage  # noqa: PLC0415
    from ..models.vapi_call import VapiCall  # noqa: PLC0415
    from ..models.voice_session import VoiceSession  # noqa: PLC0415
    from ..models.voiceflow_v4_session import VoiceflowV4Session  # noqa: PLC0415

    return ModelShape(
        Conversation,
        fields=(
            Field("ID", "id", STRING, required=True),
            Field("userEmail", "user_email", STRING, required=False),
            Field("userName", "user_name", STRING, required=False),
            Field("userPhone", "user_phone", STRING, required=False),
            Field("userAddress", "user_address", STRING, required=False),
            Field("userCompany", "user_company", STRING, required=False),
            Field("userWebsite", "user_website", STRING, required=False),
            Field("notes", "notes", STRING, required=False),
            Field("userProfilePic", "user_profile_pic", STRING, required=False),
            Field("value", "value", NUMBER, required=False),
            Field("currency", "currency", STRING, required=False),
            Field("expectedCloseDate", "expected_close_date", STRING, required=False),
            Field("subIndustry", "sub_industry", STRING, required=False),
            Field("source", "source", STRING, required=False),
            Field("language", "language", STRING, required=False),
            Field("linkedIn", "linked_in", STRING, required=False),
            Field("facebook", "facebook", STRING, required=False),
            Field("instagram", "instagram", STRING, required=False),
            Field("demoDate", "demo_date", STRING, required=False),
            Field("demoTime", "demo_time", STRING, required=False),
            Field("demoLink", "demo_link", STRING, required=False),
            Field("lostReason", "lost_reason", STRING, required=False),
            Field("lastActivityDate", "last_activity_date", STRING, required=False),
            Field("userID", "user_id", STRING, required=False),
            Field("campaignId", "campaign_id", STRING, required=False),
            Field("userImage", "user_image", STRING, required=False),
            Field("socialHandle", "social_handle", STRING, required=False),
            Field("isFollowingBusiness", "is_following_business", BOOLEAN, required=False),
            Field("socialVerified", "social_verified", BOOLEAN, required=False),
            Field("userOs", "user_os", STRING, required=False),
            Field("userBrowser", "user_browser", STRING, required=False),
            Field("ipAddress", "ip_address", STRING, required=False),
            Field("countryCode", "country_code", STRING, required=False),
            Field("origin", "origin", ANY, required=False),
            Field(
                "state",
                "state",
                Choice("ai-chatting", "ended_chat", "human-chatting", "requested_chat"),
                required=False,
            ),
            Field("whatsappPhoneNumberId", "whatsapp_phone_number_id", STRING, required=False),
            Field("whatsappBusinessNumber", "whatsapp_business_number", STRING, required=False),
            Field("whatsappDisplayPhoneNumber", "whatsapp_display_phone_number", STRING, required=False),
            Field("whatsappBusinessAccountId", "whatsapp_business_account_id", STRING, required=False),
            Field("voiceflowV4Session", "voiceflow_v4_session", ModelRef(VoiceflowV4Session), required=False),
            Field("messagesNum", "messages_num", INTEGER, required=False),
            Field("interactionsNum", "interactions_num", INTEGER, required=False),
            Field("ts", "ts", INTEGER, required=False),
            Field("tags", "tags", ListOf(STRING), required=False),
            Field("convoTimeSeconds", "convo_time_seconds", NUMBER, required=False),
            Field("firstMessageTS", "first_message_ts", INTEGER, required=False),
            Field("lastMessageTS", "last_message_ts", INTEGER, required=False),
            Field("userPlatform", "user_platform", STRING, required=False),
            Field("smbContact", "smb_contact", BOOLEAN, required=False),
            Field("smbContactName", "smb_contact_name", STRING, required=False),
            Field("smbContactRemovedAt", "smb_contact_removed_at", INTEGER, required=False),
            Field("smbLastSeenAt", "smb_last_seen_at", INTEGER, required=False),
            Field("humanClaimedAt", "human_claimed_at", INTEGER, required=False),
            Field("humanLastRepliedAt", "human_last_replied_at", INTEGER, required=False),
            Field("pendingAiReplyAt", "pending_ai_reply_at", INTEGER, required=False),
            Field("chatAssignedTo", "chat_assigned_to", STRING, required=False),
            Field("handoffHistory", "handoff_history", ListOf(ModelRef(HandoffEntry)), required=False),
            Field("isTyping", "is_typing", BOOLEAN, required=False),
            Field("lastModified", "last_modified", INTEGER, required=False),
            Field("sessionsNum", "sessions_num", INTEGER, required=False),
            Field("lang", "lang", STRING, required=False),
            Field("vapi", "vapi", ModelRef(VapiCall), required=False),
            Field("ratingFrom5", "rating_from_5", NUMBER, required=False),
            Field("totalUserInteractions", "total_user_interactions", INTEGER, required=False),
            Field("isBlocked", "is_blocked", BOOLEAN, required=False),
            Field("nodesInfo", "nodes_info", ModelRef(NodesInfo), required=False),
            Field("capturedVariables", "captured_variables", ANY, required=False),
            Field("campaignCalls", "campaign_calls", ListOf(ANY), required=False),
            Field("sessions", "sessions", ListOf(ANY), required=False),
            Field("endReason", "end_reason", STRING, required=False),
            Field("isTest", "is_test", BOOLEAN, required=False),
            Field("metrics", "metrics", ListOf(ANY), required=False),
            Field("notifyToUserId", "notify_to_user_id", STRING, required=False),
            Field("averageLatency", "average_latency", NUMBER, required=False),
            Field("voice", "voice", ModelRef(VoiceSession), required=False),
            Field("detailedCost", "detailed_cost", ModelRef(DetailedCost), required=False),
            Field("summary", "summary", STRING, required=False),
            Field("requestedTeamKey", "requested_team_key", STRING, required=False),
            Field("delegatedBy", "delegated_by", STRING, required=False),
            Field("delegatedAt", "delegated_at", INTEGER, required=False),
            Field("lastViewed", "last_viewed", INTEGER, required=False),
            Field("note", "note", STRING, required=False),
            Field("assignedTo", "assigned_to", ModelRef(Assignee), required=False),
            Field("hotScore", "hot_score", NUMBER, required=False),
            Field("crmActivities", "crm_activities", ListOf(ModelRef(CrmActivity)), required=False),
            Field("crmAlerts", "crm_alerts", ModelRef(CrmAlerts), required=False),
            Field("contactIdentityId", "contact_identity_id", STRING, required=False),
            Field("linkedChannels", "linked_channels", ListOf(STRING), required=False),
            Field("crossChannelContext", "cross_channel_context", STRING, required=False),
            Field("leadScore", "lead_score", NUMBER, required=False),
            Field("funnelStepsMatched", "funnel_steps_matched", ListOf(ANY), required=False),
            Field("funnelScoreHistory", "funnel_score_history", ListOf(ANY), required=False),
            Field("funnelNotificationSent", "funnel_notification_sent", BOOLEAN, required=False),
            Field("funnelLastEvaluated", "funnel_last_evaluated", INTEGER, required=False),
            Field(
                "funnelExtractedData",
                "funnel_extracted_data",
                ModelRef(ConversationFunnelExtractedData),
                required=False,
            ),
            Field("funnelSummary", "funnel_summary", STRING, required=False),
            Field("tokenUsage", "token_usage", ModelRef(TokenUsage), required=False),
            Field(
                "inboundEngagementState", "inbound_engagement_state", ModelRef(InboundEngagementState), required=False
            ),
            Field("title", "title", STRING, required=False),
            Field("lastMessage", "last_message", STRING, required=False),
        ),
        extra=ANY,
    )
