"""Contains all the data models used in inputs/outputs"""

from .assignee import Assignee
from .conversation import Conversation
from .conversation_envelope import ConversationEnvelope
from .conversation_funnel_extracted_data import ConversationFunnelExtractedData
from .conversation_list_envelope import ConversationListEnvelope
from .conversation_state import ConversationState
from .crm_activity import CrmActivity
from .crm_activity_metadata import CrmActivityMetadata
from .crm_alerts import CrmAlerts
from .crm_note import CrmNote
from .detailed_cost import DetailedCost
from .error_envelope import ErrorEnvelope
from .handoff_entry import HandoffEntry
from .inbound_engagement_state import InboundEngagementState
from .nodes_info import NodesInfo
from .token_usage import TokenUsage
from .token_usage_usage_per_model import TokenUsageUsagePerModel
from .vapi_call import VapiCall
from .voice_session import VoiceSession
from .voiceflow_v4_session import VoiceflowV4Session

__all__ = (
    "Assignee",
    "Conversation",
    "ConversationEnvelope",
    "ConversationFunnelExtractedData",
    "ConversationListEnvelope",
    "ConversationState",
    "CrmActivity",
    "CrmActivityMetadata",
    "CrmAlerts",
    "CrmNote",
    "DetailedCost",
    "ErrorEnvelope",
    "HandoffEntry",
    "InboundEngagementState",
    "NodesInfo",
    "TokenUsage",
    "TokenUsageUsagePerModel",
    "VapiCall",
    "VoiceflowV4Session",
    "VoiceSession",
)
