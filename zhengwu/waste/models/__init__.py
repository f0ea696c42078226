"""Models of the waste-sorting system (生活垃圾分类·撤桶并点, 綦江府办发〔2021〕23号), one module per aggregate.

- Community (居民小区) with its baseline-survey fields and the four steps; PublicityAction (宣传) and
  Adjustment (撤桶后调整) are its history;
- DropPoint (集中投放点) with its morning and evening windows;
- Card (积分卡, one per household) with its points balance; DropEvent (投放记录) from card readers and
  inspectors' phones; ReaderKey (采集设备密钥) authenticates the batch API;
- Inspection (巡检记录, traced to a household: 溯源) and GuidanceVisit (上门指导).
"""
from .community import Adjustment, Community, PublicityAction
from .events import Card, DropEvent, ReaderKey
from .inspection import GuidanceVisit, Inspection
from .point import DropPoint

__all__ = ["Adjustment", "Card", "Community", "DropEvent", "DropPoint", "GuidanceVisit", "Inspection", "PublicityAction",
           "ReaderKey"]
