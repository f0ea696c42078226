"""Models of the science-subsidy system (科技政策兑现, 綦江府办发〔2021〕26号), one module per aggregate.

- Firm (申报单位) and ApplicantKey (申报链接: the magic link a firm uses instead of an account);
- Application (兑现申请): one claim of one item, its state, the quote and the decision; ApplicationEvent
  (办理记录) is its history; EvidenceFile (证明材料) its files;
- RegisterUpload (企业名录导入) and RegisterMatch (免申即享匹配结果) for proactive matching.
"""
from .application import Application, MatterKey, ReferenceCounter
from .events import ApplicationEvent
from .evidence import EvidenceFile
from .firm import ApplicantKey, Firm
from .register import RegisterMatch, RegisterUpload

__all__ = ["ApplicantKey", "Application", "ApplicationEvent", "EvidenceFile", "Firm", "MatterKey", "ReferenceCounter",
           "RegisterMatch", "RegisterUpload"]
