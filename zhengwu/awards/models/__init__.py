"""Models of the awards system (区长青少年科技创新奖, 綦江府发〔2021〕10号), one module per aggregate.

- School (学校), SchoolMember (学校账号) and Expert (评审专家): who takes part;
- Edition (届) with its workflow state and dated steps, and EditionEvent (评选记录), its history;
- Candidate (申报学生) with CandidateFile (申报材料); Assignment (评审分配) and Score (评分);
- Objection (公示异议).
"""
from .edition import Edition, EditionEvent
from .people import Expert, School, SchoolMember
from .review import Assignment, Candidate, CandidateFile, Objection, Score

__all__ = ["Assignment", "Candidate", "CandidateFile", "Edition", "EditionEvent", "Expert", "Objection", "School",
           "SchoolMember", "Score"]
