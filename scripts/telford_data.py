"""Telford & Wrekin's improvement plan, as printed in seed 001, typed in verbatim.

Source: the "WORKING DOCUMENT: CHILDREN'S SERVICES IMPROVEMENT PLAN" tabled at the
Children & Young People Scrutiny Committee on 15 August 2013 (position at 30 July 2013).
Every action row of the printed plan is here, in the printed order, with the council's
own spellings, statuses ("complete", "In Progress", "behind schedule") and target
dates ("Aug-12"). Nothing is tidied: the scripts that use it decide how to lay it out.

Used by make_telford_fixture.py (the workbook as the council kept it) and by
make_samples.py (the tidy bundled sample).
"""

from __future__ import annotations

from typing import NamedTuple


class A(NamedTuple):
    """One action row of the printed plan, in the printed column order."""

    action: str
    outcome: str
    source: str
    measure: str
    timescale: str
    lead: str
    target: str
    progress: str
    rag: str


# (ref, recommendation text, actions)
Recommendation = tuple[str, str, list[A]]
# (priority heading as printed, recommendations)
Priority = tuple[str, list[Recommendation]]

PLAN: list[Priority] = [
    (
        "PRIORITY 1: ENSURE THERE IS A TIMELY AND EFFECTIVE RESPONSE TO SOCIAL CARE ENQUIRIES",
        [
            (
                "R1",
                "RECOMMENDATION : Ensure that the outcomes of child protection "
                "enquiries are recorded promptly",
                [
                    A(
                        "Amend the monitoring of S47 enquiries to focus on accurate recording"
                        " and evidence that the child has been seen by a qualified social "
                        "worker and is safe.",
                        "Timely identification of those children who are not safe",
                        "Ofsted 2012 unannounced report (Safeguarding)",
                        "Monitoring of S47 enquiries on protocol with notes of audit added to"
                        " protocol by the Service Delivery Manager (SDM)",
                        "Immediate",
                        "Maria White Di Partridge RS Angela Yapp Helen Smith",
                        "Aug-12",
                        "Monitoring system has been established with weekly reporting from "
                        "protocol of outstanding tasks. Weekly meetings are now held between "
                        "the Service Delivery Manager (SDM) and individual team managers for "
                        "Child Protection (CP) team and Assessment and Case Management Team "
                        "(ACM) teams to audit the completion of current S47 investigations. "
                        "Weekly meetings are now held between the Service Delivery Manager "
                        "(SDM) for Children's Specialist Services and the Disabled Children's"
                        " team and this arrangement is to be extended to the CIC team.",
                        "complete",
                    ),
                    A(
                        "Include focus on writing up of Child Protection (CP) enquiries in "
                        "weekly meetings between SDM and CPT managers",
                        "Timely identification of those children who are not safe",
                        "Ofsted 2012 unannounced report (Safeguarding)",
                        "Monitoring of CP enquiries on protocol by SDM",
                        "Immediate",
                        "Maria White Di Partridge RS Angela Yapp",
                        "Aug-12",
                        "The recording of CP enquiries is now an agenda item on the weekly "
                        "meeting between SDM and CP team manager.",
                        "complete",
                    ),
                    A(
                        "Put in place a process to ensure that CP enquiries are being "
                        "recorded promptly across ACM, DCT and Cohesion Service (CS) teams",
                        "Prompt recording of CP enquiries across the appropriate teams in "
                        "Children and Family Services",
                        "Ofsted 2012 unannounced report (Safeguarding)",
                        "Monitoring of CP enquiries on protocol by SDM",
                        "Immediate",
                        "Maria White Di Partridge RS Angela Yapp",
                        "Apr-13",
                        "Process in place for immediate discussions between SDM and team "
                        "managers within ACM, CIC, CSW and DCT where CP enquiries are not "
                        "recorded promptly. There has been a reduction of outstanding cases "
                        "and a plan is in place to clear the backlog of assessment recordings"
                        " in the Child Protection Team.",
                        "complete",
                    ),
                ],
            ),
            (
                "R2",
                "RECOMMENDATION : End the unsafe practice of holding cases as "
                "contacts and referrals for prolonged periods while information "
                "gathering",
                [],
            ),
            (
                "R3",
                "RECOMMENDATION: Ensure the prompt identification of referrals at "
                "Family Connect and Safeguarding Advisory Team",
                [
                    A(
                        "Review Family Connect Safeguarding Advisory Team (FCSAT) to ensure "
                        "that risks to children are promptly assessed by a qualified social "
                        "worker and referrals completed within 24 hours.",
                        "Contacts completed and authorised within 24 hours. There are no CP "
                        "or CIC cases in the CPT or CSW teams for longer than 10 days after "
                        "Initial Child Protection Call (ICPC)",
                        "Ofsted 2012 unannounced report (Safeguarding)",
                        "Dashboard - Percentage of referrals completed within 24 hours",
                        "Immediate",
                        "Maria White",
                        "Apr-13",
                        "FCSAT redesigned to ensure that only qualified social workers "
                        "process contacts and referrals. This has included increasing SSW "
                        "capacity to 1Full Time Equivalent (1FTE) to provide more support to "
                        "the team managers. Second review completed and recommendations "
                        "agreed by Children & Families Leadership Team to further improve "
                        "arrangements. Management arrangements for the Safeguarding Advisors "
                        "Team transferred from SDM Assessment and Case Management to the SDM "
                        "Family Connect.",
                        "complete",
                    ),
                    A(
                        "Review cover arrangements between the team managers of the CP team "
                        "and the FCSAT to spread the load amongst more team managers",
                        "Contacts completed and authorised within 24 hours There are no CP or"
                        " CIC cases in the CPT or CSW teams for longer than 10 days after "
                        "ICPC",
                        "Ofsted 2012 unannounced report (Safeguarding)",
                        "Dashboard - Percentage of referrals completed within 24 hours",
                        "Immediate",
                        "Maria White Debbie Lloyd Di Partridge",
                        "Apr-13",
                        "Arrangements agreed so that all social workers and managers will "
                        "know at any time what the cover arrangement are for Family Connect "
                        "Safeguarding Advisor Team and Child Protection Team through a "
                        "procedure which is being implemented using calendars on Microsoft "
                        "outlook.",
                        "complete",
                    ),
                    A(
                        "Put in place a process to monitor contact and referral timescales",
                        "",
                        "Ofsted 2012 unannounced report (Safeguarding)",
                        "Milestone",
                        "Immediate",
                        "Marie White Debbie Lloyd Di Partridge Helen Smith",
                        "Aug-12",
                        "Monitoring system established with weekly reports from protocol of "
                        "outstanding tasks and management checks on why tasks are "
                        "outstanding.",
                        "complete",
                    ),
                ],
            ),
        ],
    ),
    (
        "PRIORITY 2: REDESIGN SOCIAL WORK SERVICES TO BETTER SUPPORT THE "
        "CHILD'S JOURNEY FROM NEEDING TO RECEIVING HELP",
        [
            (
                "R4",
                "RECOMMENDATION : Accelerate plans to provide edge of care service out of hours",
                [
                    A(
                        "Seek user feedback, agree specification for the edge of care out of "
                        "hours service, cost and implement.",
                        "Improved outcomes and a reduction in costs in relation to out of "
                        "hours placements",
                        "Ofsted 2012 unannounced report (Safeguarding)",
                        "Number of children who remain at home in a safe environment",
                        "3 months",
                        "Jas Bedesha Angela Yapp",
                        "Apr-13",
                        "Family On Call Service (FOCS) fully operational",
                        "complete",
                    ),
                ],
            ),
            (
                "R6",
                "RECOMMENDATION : Provide partner agencies with a clear definition of"
                " the roles and responsibilities of the community social work team",
                [
                    A(
                        "Consult with partner agencies to review and develop pathways to "
                        "inform the definition of the roles and responsibilities of the "
                        "community social work team.",
                        "Children and young people are referred to appropriate agencies",
                        "Ofsted 2012 unannounced report (Safeguarding)",
                        "Referrals to Safeguarding Advisory Service. Number of children "
                        "attending residential or independent schools. SEN supported in "
                        "school through education/ health care plan. Children coming into "
                        "care",
                        "3 months",
                        "Diane Partridge Chris Marsh Jas Bedesha Debbie Lloyd Marie White",
                        "Mar-13",
                        "Recommendations regarding the role and function of Community Social "
                        "Work Team presented to Senior leadership Team on 05.03.13. Pathways "
                        "agreed and document produced clarifying role of CSW Team. Awareness "
                        "raising activities undertaken across localities.",
                        "complete",
                    ),
                ],
            ),
            (
                "R7",
                "RECOMMENDATION : Facilitate the consistent delivery of planned "
                "interventions by minimising changes of social worker",
                [],
            ),
            (
                "R20",
                "RECOMMENDATION: Facilitate positive and productive relationships "
                "between children and social workers by minimising changes in social "
                "worker",
                [
                    A(
                        "Monitor the number of changes in social worker and the reasons for "
                        "these changes.",
                        "Minimised changes in social worker",
                        "Ofsted 2012 unannounced report (Safeguarding)",
                        "Changes in social worker per child and evaluation of reasons under "
                        "defined categories Service user feedback",
                        "3 months",
                        "Helen Smith Maria White Diane Partridge Angela Yapp",
                        "Apr-13",
                        "reporting system in place",
                        "complete",
                    ),
                    A(
                        "Continue recruitment campaign to reduce use of agency workers",
                        "Minimised changes in social worker",
                        "Ofsted 2012 unannounced report (Safeguarding)",
                        "Monitoring of vacancy rates against a set target",
                        "3 months",
                        "Maria White Angela Yapp Diane Partridge",
                        "Apr-13",
                        "There has been a steady reduction in the SW vacancy rate as well as "
                        "the number of agency social workers being employed (from a maximum "
                        "of 14 down to 8.5 at the end of March 2013).",
                        "complete",
                    ),
                    A(
                        "Review pay differentials for social workers in line with "
                        "neighbouring areas",
                        "Minimised changes in social worker",
                        "Ofsted 2012 unannounced report (Safeguarding)",
                        "Monitoring of vacancy rates against a set target",
                        "3 months",
                        "HR",
                        "Nov-12",
                        "Pay differentials reviewed with other West Midlands authorities "
                        "Joining epaycheck – which will allow us access to comparisons "
                        "regionally and nationally",
                        "complete",
                    ),
                    A(
                        "Carry out review of Social Worker service to better support the "
                        "child's journey (produce recommendations to be presented to "
                        "Assistant Directors)",
                        "Minimised changes in social worker",
                        "Ofsted 2012 unannounced report (Safeguarding)",
                        "Changes in social worker per child and evaluation of reasons under "
                        "defined categories Service user feedback",
                        "3 months",
                        "Karen Perry",
                        "Jun-14",
                        "Review completed Staff briefings held across Children's Services "
                        "Reconfiguration plan in progress resources secured to recruit "
                        "temporary project manager",
                        "complete",
                    ),
                ],
            ),
        ],
    ),
    (
        "PRIORITY 3: ENSURE THAT THE QUALITY OF SOCIAL WORK PRACTICE AND "
        "EARLY HELP IS CONSISTENTLY GOOD",
        [
            (
                "R13",
                "RECOMMENDATION: Review the format of review conference minutes so "
                "that risk and protective factors are recorded clearly and "
                "consistently",
                [
                    A(
                        "Introduce the new format of review conference minutes",
                        "Risk and protective factors are recorded clearly and consistently",
                        "Ofsted 2012 unannounced report (Safeguarding)",
                        "Quality Sample of minutes related to CP Plans",
                        "6 months",
                        "Jo Britton",
                        "Feb-13",
                        "Minutes are now outcome focussed and reflect risk and protective "
                        "factors Implementation will be monitored via QA framework for "
                        "safeguarding advisory service",
                        "complete",
                    ),
                    A(
                        "Implement a Quality Assurance framework for review conference minutes",
                        "Risk and protective factors are consistently recorded clearly in minutes",
                        "Ofsted 2012 unannounced report (Safeguarding)",
                        "Quality Sample of minutes related to CP Plans",
                        "6 months",
                        "Jo Britton Maria White Diane Partridge",
                        "Feb-13",
                        "Framework agreed issue based learning in place. System of monthly "
                        "file audit by Managers across Safeguarding and F&C implemented from "
                        "April. QA framework to be reviewed in February 2014",
                        "complete",
                    ),
                ],
            ),
            (
                "R16",
                "RECOMMENDATION: Ensure the LSCB's activity links to demonstrable "
                "improvements in frontline social work practice",
                [
                    A(
                        "Work with frontline managers to identify projects where LSCB can "
                        "drive improvements to frontline social work practice.",
                        "LSCB activity reflects frontline need.",
                        "Ofsted 2012 unannounced report (Safeguarding)",
                        "Monitoring and evaluation of LSCB Business Plan",
                        "6 months",
                        "Jo Britton",
                        "Feb-13",
                        "Neglect and domestic abuse highlighted by frontline social workers. "
                        "Working with other authorities to develop and pilot neglect model - "
                        "to be piloted by 31/05/13, evaluated by 01/10/13 and then "
                        "implemented. Domestic abuse to be included in LSCB priorities and "
                        "action plan for 2013 - 14",
                        "complete",
                    ),
                ],
            ),
            (
                "R19",
                "Review the capacity and functioning of the IRO team to ensure robust"
                " challenge where needed and the prompt circulation of a good quality"
                " review records",
                [
                    A(
                        "Undertake a review of the Independent Reviewing Officer (IRO) team "
                        "based on the starting point of what a good IRO team looks like",
                        "Review complete with recommendations for improvement",
                        "Ofsted 2012 unannounced report (Children in Care)",
                        "Final report and recommendations to be presented to CYP&F SLT and "
                        "the LSCB",
                        "3 months",
                        "Jo Britton",
                        "Mar-13",
                        "Review completed and with SLT for consideration Additional temporary"
                        " post agreed for 12 months and filled",
                        "complete",
                    ),
                ],
            ),
            (
                "R21",
                "Ensure that all looked after children have a qualified social worker"
                " and that minimum statutory visiting requirements are complied with",
                [
                    A(
                        "Have clarity and understanding of what the minimum statutory "
                        "requirements are",
                        "Clear starting point for remodel of CIC provision",
                        "Ofsted 2012 unannounced report (Children in Care)",
                        "Monitoring of statutory visits",
                        "3 months",
                        "Angela Yapp Maria White Dianne Partridge",
                        "Mar-13",
                        "Statutory visit template developed and in use across all teams.",
                        "complete",
                    ),
                    A(
                        "Assess quantity of Statutory work undertaken by SW Assistants and "
                        "explore which other professionals can enhance this. Propose remodel "
                        "of CIC provision",
                        "All statutory casework activity undertaken by Qualified SW",
                        "Ofsted 2012 unannounced report (Children in Care)",
                        "Monitoring of statutory visits",
                        "3 months",
                        "Angela Yapp Maria White Dianne Partridge",
                        "Apr-13",
                        "Children in Care Team remodel into units implemented. All children "
                        "in care allocated to qualified social worker",
                        "complete",
                    ),
                ],
            ),
            (
                "R22",
                "Facilitate the timely completion of life story work",
                [
                    A(
                        "Clarify and agree who is responsible for life story book work.",
                        "Responsibility understood and communicated",
                        "Ofsted 2012 unannounced report (Children in Care)",
                        "Milestone",
                        "3 months",
                        "Maria White Angela Yapp",
                        "Jun-13",
                        "Policy drafted and amended following consultation with foster carers"
                        " and practitioners. Consultation with Children in Care arranged for "
                        "01.08.13. To be implemented from 01.09.13",
                        "behind schedule",
                    ),
                    A(
                        "Develop skills of Social Worker and of other professionals to "
                        "enhance delivery e.g. Foster Carers",
                        "Professionals have skills to deliver life story work",
                        "Ofsted 2012 unannounced report (Children in Care)",
                        "Evaluation of training",
                        "3 months",
                        "Maria White Angela Yapp",
                        "Oct-13",
                        "Workshops to be commissioned between July and October 2013 to roll "
                        "out training on revised policy and best practice.",
                        "In Progress",
                    ),
                ],
            ),
            (
                "R23",
                "Ensure that cultural and equality and diversity issues are assessed "
                "and recorded during assessments. NHS Telford and Wrekin Council must"
                " ensure that this includes health assessments",
                [
                    A(
                        "Amend assessment form to include the recording of health needs as a "
                        "result of cultural equality or diversity issues.",
                        "Issues recorded routinely.",
                        "Ofsted 2012 unannounced report (Children in Care)",
                        "Audit of Health Assessment Forms",
                        "3 months",
                        "HEALTH /JR",
                        "Nov-12",
                        "forms amended and in use since Nov 2012 health passports in use "
                        "since Dec 2012 s/ws are sent copies of health assessments which are "
                        "uploaded onto protocol",
                        "complete",
                    ),
                    A(
                        "Incorporate an awareness of cultural, equality and diversity issues "
                        "within Safeguarding training including CAF, and its impact on the "
                        "broader lifestyle choices tailored to the local demography.",
                        "Those working with the local population are able to respond "
                        "appropriately to address individuals needs based on cultural, "
                        "equality and diversity",
                        "Ofsted 2012 unannounced report (Children in Care)",
                        "Evaluation of impact of training demonstrated through multi-agency "
                        "case file audit.",
                        "3 months",
                        "LSCB Training Sub Group",
                        "Nov-12",
                        "Training reviewed and cultural competence plus 'invisible men' "
                        "issues woven into all LSCB training. All members of the LSCB "
                        "training pool have received cultural competence training so they can"
                        " weave it into delivery. LSCB training subgroup encourages single "
                        "agencies to include these themes in their own training",
                        "complete",
                    ),
                ],
            ),
            (
                "R28",
                "NHS Telford and Wrekin and Telford and Wrekin Council must ensure "
                "that all initial health assessments are completed within the "
                "specified time frame",
                [
                    A(
                        "Put process in place to allocate appointments to meet time frame",
                        "100% initial assessments within time frame",
                        "Ofsted 2012 unannounced report (Children in Care)",
                        "Monthly report to monitor performance",
                        "3 months",
                        "Sara Vale",
                        "Nov-12",
                        "Process improved and timescales for initial health assessments are "
                        "improving Review assessments are completed within timescales",
                        "complete",
                    ),
                    A(
                        "Ensure Social Workers gain consent to medical treatment "
                        "/intervention from birth parents/local authority and submit referral"
                        " for Initial Medical Health Assessment (IMHA) to health within 3",
                        "100% referrals received within 3 working days of child entering care",
                        "Ofsted 2012 unannounced report (Children in Care)",
                        "Monthly report to monitor performance",
                        "3 months",
                        "Karen Perry",
                        "Nov-12",
                        "Process improved and timescales for initial health assessments are "
                        "improving Review assessments are completed within timescales",
                        "complete",
                    ),
                    A(
                        "Ensure social care provide relevant information for the Initial "
                        "Medical Assessment (IMA) appointment via adoption of British "
                        "Associate of Adoption and Fostering) and associated",
                        "Receipt of forms by health in time for IMHA.",
                        "Ofsted 2012 unannounced report (Children in Care)",
                        "Monthly report to monitor performance",
                        "3 months",
                        "Karen Perry Dr Varsha Sadavarte Fern Zihini",
                        "Nov-12",
                        "BAAF forms in use",
                        "complete",
                    ),
                ],
            ),
            (
                "R29",
                "Improve the quality and recording of statutory visits",
                [
                    A(
                        "Design and implement new statutory visit information template",
                        "Accurate and relevant information from statutory visits",
                        "Ofsted 2012 unannounced report (Children in Care)",
                        "Audit of revisit notes",
                        "6 months",
                        "Maria White Angela Yapp",
                        "May-13",
                        "Template completed and used across all social work teams.",
                        "complete",
                    ),
                ],
            ),
        ],
    ),
    (
        "PRIORITY 4: IMPROVE THE PROVISION TO SUPPORT MENTAL HEALTH AND EMOTIONAL WELL BEING",
        [
            (
                "R10",
                "RECOMMENDATION: NHS Telford and Wrekin must ensure that the "
                "transition pathway for those young people with ADHD who require "
                "adult services is in place, and that the review of CAMH services "
                "ensures that the waiting list for those children and young people "
                "with neurological disorders is within agreed targets and there is "
                "timely access to treatment and interventions",
                [
                    A(
                        "Develop the transition pathway",
                        "Young people with ADHD are supported into adulthood",
                        "Ofsted 2012 unannounced report (Safeguarding)",
                        "To be built in by commissioners",
                        "3 months",
                        "Michael Bennett",
                        "Nov-12",
                        "A consultant in adult mental health services has been identified and"
                        " is taking new referrals from GPs and CAMHS. He provides a session "
                        "each month to assess, prescribe and review individuals. This has "
                        "been in place since September. In addition work is in place to have "
                        "a Transition service in place from July 2013",
                        "complete",
                    ),
                    A(
                        "Commission CAMHS to provide a stable placement team.",
                        "CAMHS stable placement team in place.",
                        "Ofsted 2012 unannounced report (Safeguarding)",
                        "Number of placement moves as a result linked to emotional health of LAC",
                        "3 months",
                        "Commissioners",
                        "Jun-13",
                        "CAMHS review completed and reported in december 2012 and new model "
                        "for delivery agreed. Placement Stability Team being developed. CAMHS"
                        " identified LAC lead post. Meetings held to develop the service "
                        "model. Further meetings arranged to develop further. Work now "
                        "integrated with Recommendation 25 regarding SDQs and spot purchasing"
                        " of therapeutic interventions (joint care pathway/referral process "
                        "to be trialled in Sept) Actions from recommendations 10 and 11 to be"
                        " included in CAMHS Action Plan Development of the Placement "
                        "Stability team part of the CAMHS Transition Action Plan and progress"
                        " monitored through the monthly meetings",
                        "behind schedule",
                    ),
                ],
            ),
            (
                "R11",
                "RECOMMENDATION: NHS Telford and Wrekin must ensure that there are "
                "compliant Mental health Act Section 136 arrangements for young "
                "people aged 16-18 years of age",
                [
                    A(
                        "Put arrangements in place to secure compliancy and look at "
                        "commissioning local and specialised to improve the arrangements",
                        "Compliancy and improved provision",
                        "Ofsted 2012 unannounced report (Safeguarding)",
                        "",
                        "3 months",
                        "Director of Integrated Commissioning Care / Camhs Commissioners",
                        "Nov-12",
                        "December 2012 update - Work is ongoing re use of S136 suite at "
                        "Redwood this is fraught with complication due to delay re access to "
                        "Tier 4 beds, availability of 1st level screening out of hours. We "
                        "comply legally but there is a lot of work to be done by "
                        "commissioning both local and specialised. Service lead is engaged in"
                        " ongoing dialogue with FT and Social Care. Commissioners have "
                        "approached Specialised Commissioning to consider the viability of "
                        "funding local arrangements that could be initiated without delays. "
                        "They have indicated that this is not possible. They have also "
                        "indicated that there are more pressures for Tier 4 beds. Delays are "
                        "likely to remain. Local Commissioners will continue to raise this as"
                        " a serious issue and seek assurances about capacity and response "
                        "times.",
                        "behind schedule",
                    ),
                ],
            ),
        ],
    ),
    (
        "PRIORITY 5: CHILDREN AND YOUNG PEOPLE AND THEIR FAMILIES ARE "
        "INVOLVED SHAPING AND IMPROVING THE SERVICES THEY RECEIVE",
        [
            (
                "R14",
                "RECOMMENDATION: Ensure that assessments and plans accurately reflect"
                " children and young people's diversity and include their wishes and "
                "feelings",
                [
                    A(
                        "Review all assessment and child plan templates to ensure that they "
                        "have specific section to record the children and young people's "
                        "diverse needs including their wishes and feelings.",
                        "Assessment and child plan templates child centred and accommodate "
                        "the diverse range of needs",
                        "Ofsted 2012 unannounced report (Safeguarding)",
                        "Audit of assessment and child plan templates",
                        "6 months",
                        "Maria White Angela Yapp Diane Partridge",
                        "Mar-13",
                        "Review of templates completed. All current templates (IA, CA, S47 "
                        "investigation, care plan....etc) all have specific sections to "
                        "record young people's wishes and feelings. Within CIC Team, Team "
                        "Manager and Advanced Practitioner have been reviewing assessments "
                        "and careplan contents ACM Teams have completed analysis of attention"
                        " to cultural needs for all children from minority ethnic "
                        "backgrounds. This is to be included as part of the quarterly "
                        "safeguarding service performance monitoring Monthly monitoring of "
                        "recording children's ethnicities for all referrals has shown an "
                        "improvement through 2012 and continuing, currently less than 10 "
                        "outstanding (< 1%) Within CIC Team Manager and advanced practitioner"
                        " have been grading care plans and providing feedback to Social Work "
                        "staff. Advanced Practitioner (CIC) has completed two workshops in "
                        "how to produce effective careplans, which she will review.",
                        "complete",
                    ),
                    A(
                        "Explore ways of directly recording children, young people and "
                        "families views (reportable)",
                        "Recommendations made to Safeguarding QA Group",
                        "Ofsted 2012 unannounced report",
                        "Audit of assessment and child plan templates",
                        "6 months",
                        "Maria White Angela Yapp Diane Partridge",
                        "May-13",
                        "Initial scoping of reporting on the child's wishes and feelings has "
                        "identified that there are fields within the pathway assessments for "
                        "the child's views to be recorded and whilst these fields are not "
                        "currently reportable, there is functionality available to develop "
                        "such reports. This will require input from ICT to establish the "
                        "reportable queries for the particular fields. In terms of newly "
                        "developed forms outside the pathway within Protocol, further "
                        "development will be required to establish whether fields are "
                        "reportable.",
                        "behind schedule",
                    ),
                    A(
                        "Develop the template for a single assessment",
                        "Planning based on individual child's needs rather than service driven",
                        "(Safeguarding)",
                        "Audit of assessment and child plan templates",
                        "6 months",
                        "Maria White , Debbie Lloyd, Diane Partridge",
                        "May-13",
                        "Draft template developed. To be piloted in CPT during August, "
                        "amended following learning from the pilot and implemented across all"
                        " teams from 01/10/13",
                        "behind schedule",
                    ),
                    A(
                        "Provide evidence based tools to support practice",
                        "Professionals have the tools which they can use help them seek and "
                        "act upon children's views",
                        "Ofsted 2012 unannounced report (Safeguarding)",
                        "Audit of assessment and child plan templates",
                        "6 months",
                        "Maria White Angela Yapp Diane Partridge",
                        "Jun-14",
                        "To include in Reconfiguring Social Work project. There has been "
                        "targeted activity within the CIC Team in respect of Core Assessments"
                        " to evidence decision making and practice interventions. Advanced "
                        "Practitioner (CIC) has completed a workshop 'How to develop and "
                        "implement a good Core Assessment'. Advanced Practitioner (CIC) is "
                        "involved with a steering group discussing tools for practitioners to"
                        " use when completing direct work with children & families. There are"
                        " a number of tools used for risk and parenting assessments eg PAMs, "
                        "training for which has recently been repeated",
                        "in progress",
                    ),
                    A(
                        "Hold Professional Development Workshops to ensure that teams have "
                        "the skills to use the evidence based tools to seek and act upon "
                        "children's views",
                        "Every children's worker has the skills to seek and act upon "
                        "children's views",
                        "Ofsted 2012 unannounced report (Safeguarding)",
                        "Evaluation of training",
                        "6 months",
                        "Maria White Angela Yapp Diane Partridge",
                        "Jun-14",
                        "To include in Reconfiguring Social Work project. The following "
                        "workshops have been facilitated and developed by the Advanced "
                        "Practitioner (CIC): How to create an effective Care Plan, How to "
                        "develop and implement a good core assessment, How to develop and "
                        "implement an effective PEP. Children in Care Team have attended a "
                        "workshop on systemic practice and are beginning to use the tools "
                        "e.g. genogram Resources identified and work in progress to "
                        "commission a major programme of systemic practice training across "
                        "the children's services workshop",
                        "in progress",
                    ),
                    A(
                        "Quality sample of assessments and plans to ensure the above actions "
                        "have made a difference",
                        "Children's wishes and feelings are consistently seen and acted upon "
                        "in assessments and plans",
                        "Ofsted 2012 unannounced report (Safeguarding)",
                        "Audit of assessment and child plans",
                        "6 months",
                        "Maria White Angela Yapp Diane Partridge",
                        "Apr-13",
                        "To be included in file audit arrangements. The RAG rating of care "
                        "plans and core assessments, monthly practice meetings which look at "
                        "difficult cases within the team and what we have learnt from them "
                        "and how to improve working. Advanced Practitioner (CIC) carries out "
                        "weekly/Fortnightly/monthly supervisions to increase support, "
                        "reflective thinking and to create AYSE portfolio.",
                        "complete",
                    ),
                ],
            ),
            (
                "R17",
                "RECOMMENDATION: NHS Telford and Wrekin must ensure that there are "
                "effective service user engagements arrangements within health "
                "safeguarding services, to inform both the service design and ongoing"
                " quality monitoring",
                [
                    A(
                        "Include provider updates on service user engagement arrangements, "
                        "LSCB Section 11 six monthly reporting, Healthcare Governance "
                        "Safeguarding Children Committee monitoring Section 11 audits and "
                        "quarterly template reporting",
                        "Service users inform service design and ongoing quality improvement",
                        "Ofsted 2012 unannounced report (Safeguarding)",
                        "Check reports from providers for service user updates and chase up "
                        "where not included",
                        "6 months",
                        "Commissioning / Provider Exec Leads",
                        "Feb-13",
                        "s11 framework updated via LSCB governance groups. Monitoring is "
                        "undertaken quarterly and reported to LSCB 6 monthly.",
                        "complete",
                    ),
                ],
            ),
            (
                "R18",
                "RECOMMENDATION: Ensure that all parents receive regular "
                "communication and are involved in reviews as appropriate.",
                [
                    A(
                        "TMs to check involvement of parents for all reviews up until end "
                        "Sept is appropriate",
                        "Regular appropriate communication and involvement of parents",
                        "Ofsted 2012 unannounced report (Children in Care)",
                        "Monitoring of attendance",
                        "Immediate",
                        "Jo Britton Maria White Angela Yapp Diane Partridge",
                        "Aug-12",
                        "Checks undertaken and communication issues identified. Admin "
                        "arrangements changed and dip sample will be taken in August 2013 to "
                        "monitor improvements.",
                        "complete",
                    ),
                    A(
                        "Develop and implement a Social Work report for child in care reviews",
                        "Regular appropriate communication and involvement of parents",
                        "Ofsted 2012 unannounced report (Children in Care)",
                        "Monitoring of report",
                        "Immediate",
                        "Jo Britton Maria White Angela Yapp Diane Partridge",
                        "Mar-13",
                        "Proforma completed and will be uploaded onto protocol in March 13",
                        "complete",
                    ),
                    A(
                        "Improve recording of parents being invited and parents attendance "
                        "and agree method of highlighting where this is not happening",
                        "Regular appropriate communication and involvement of parents",
                        "Ofsted 2012 unannounced report (Children in Care)",
                        "Monitoring of attendance",
                        "Immediate",
                        "Jo Britton Maria White Angela Yapp Diane Partridge",
                        "Aug-12",
                        "Admin arrangements changed and dip sample will be taken in August "
                        "2013 to monitor improvements.",
                        "complete",
                    ),
                ],
            ),
        ],
    ),
    (
        "PRIORITY 6: ENSURE WE LEARN FROM EACH OTHER SO THAT WE HAVE THE "
        "KNOWLEDGE SKILLS AND CAPACITY TO KEEP CHILDREN SAFE (QA)",
        [
            (
                "R8",
                "RECOMMENDATION : NHS Telford and Wrekin and Local Safeguarding "
                "Children Board must ensure that all identified staff are compliant "
                "with their safeguarding training especially medical staff and that "
                "all staff involved with safeguarding children have supervision",
                [
                    A(
                        "Implement robust monitoring of safeguarding training on line modules"
                        " and Group level 3 training accessed through multi agency training",
                        "All Drs completed West Midlands online training before end of "
                        "December 2012",
                        "Ofsted 2012 Unannounced report (Safeguarding)",
                        "As per action once in place",
                        "3 months",
                        "Executive Lead / Medical Director/ Named Nurse / Midwife / Doctor",
                        "Nov-11",
                        "Trust governance includes agreement that all new and junior doctors "
                        "on paediatrics and A&E have to complete online training within a "
                        "month, and that agency locums have to complete online safeguarding "
                        "training.",
                        "complete",
                    ),
                    A(
                        "Write / adapt policy for group supervision for staff in A/E and "
                        "Children's wards as well as Maternity",
                        "Effective Group Supervision",
                        "Ofsted 2012 Unannounced report (Safeguarding)",
                        "Monitoring that group supervision policy is being used",
                        "3 months",
                        "Named Nurse / Midwife",
                        "Mar-13",
                        "Decision made that SaTH policy will be adapted and agreed at the "
                        "Trust Safeguarding Group by 31/03/13",
                        "complete",
                    ),
                    A(
                        "GMC new Level 3 e learning information to be circulated to all "
                        "medical staff",
                        "Enhanced skills",
                        "Ofsted 2012 Unannounced report (Safeguarding)",
                        "Not applicable",
                        "3 months",
                        "Exec Leads for Provider Services/Designated doctor/Named "
                        "doctors/nurses/midwife",
                        "Nov-11",
                        "Information circulated to all medical staff within timescale GPs "
                        "also given the information in safeguarding training",
                        "complete",
                    ),
                    A(
                        "Increase availability of Safeguarding Training Sessions",
                        "Enhanced skills",
                        "Ofsted 2012 unannounced report (Safeguarding)",
                        "Monitored quarterly through the LSCB training sub group",
                        "3 months",
                        "Exec Leads for Provider Services/Designated doctor/Named "
                        "doctors/nurses/midwife",
                        "Nov-11",
                        "Number of safeguarding sessions delivered has increased In addition,"
                        " training has been made available to a wider group of health staff",
                        "complete",
                    ),
                ],
            ),
            (
                "R9",
                "RECOMMENDATION : NHS Telford and Wrekin and the Local Safeguarding "
                "Children Board must ensure that there is sufficient capacity within "
                "the safeguarding children named nurse to comply with requirements, "
                "and ensure that children and young people are protected from harm",
                [
                    A(
                        "Implement permanent increase in Named Nurse hours",
                        "Increased capacity",
                        "Ofsted 2012 unannounced report (Safeguarding)",
                        "Milestone",
                        "3 months",
                        "Executive Lead for Safeguarding",
                        "Nov-12",
                        "Current Named Nurse changed hours from part to full time temporarily"
                        " from 30/11/12 and this will become permanent on 01/04/13 Absent "
                        "Community Trust nurses have now returned to work so there is now a "
                        "full complement of staff",
                        "Complete",
                    ),
                    A(
                        "Advertise vacant named midwife post",
                        "Increased capacity",
                        "Ofsted 2012 unannounced report (Safeguarding)",
                        "Milestone",
                        "3 months",
                        "Deputy Head of Midwifery",
                        "Nov-12",
                        "Named midwife appointed in October 12 and in post",
                        "Complete",
                    ),
                    A(
                        "Look at skill mix for A/E, advertise for children's nurses / Drs.",
                        "Royal College Standards for Emergency departments: At least 1 "
                        "children's nurse per shift. A lead Children's Nurse and a Lead nurse"
                        " for safeguarding. Lead Consultant for Safeguarding and Named "
                        "Consultant Paediatrician for Emergency department.",
                        "Ofsted 2012 unannounced report (Safeguarding)",
                        "Vacancies",
                        "6 months",
                        "Executive lead / Deputy Chief Nurse",
                        "Dec-13",
                        "A paediatric liaison post has been created and appointed to. The "
                        "post will be based in A&E and will help ensure information is shared"
                        " if any safeguarding issues are identified. REDUCTION in numbers of "
                        "young people coming into A&E with alcohol issues (impact of street "
                        "pastors) This has been included in reconfiguration plan",
                        "complete",
                    ),
                    A(
                        "Develop Business continuity plans to address absences within the "
                        "Named Nurse team and succession planning",
                        "Sustained Capacity",
                        "Ofsted 2012 unannounced report (Safeguarding)",
                        "",
                        "3 months",
                        "NB (CSM)",
                        "Nov-12",
                        "Cover arrangements are in place for named nurses in SaTH and "
                        "Community Trust",
                        "complete",
                    ),
                    A(
                        "Increase number of staff in A&E who have received multi-agency training",
                        "Increased Capacity",
                        "Ofsted 2012 unannounced report (Safeguarding)",
                        "Training Records",
                        "3 months",
                        "Named Nurse",
                        "Nov-12",
                        "Numbers have increased",
                        "complete",
                    ),
                ],
            ),
            (
                "R12",
                "RECOMMENDATION: NHS Telford and Wrekin and the LSCB must ensure that"
                " all health staff are aware of the safeguarding referrals escalation"
                " policy",
                [
                    A(
                        "Raise awareness of safeguarding referrals escalation policy",
                        "Appropriate use of escalation policy",
                        "Ofsted 2012 unannounced report (Safeguarding)",
                        "",
                        "3 months",
                        "Designated / Deputy Professionals",
                        "Nov-12",
                        "Completed in both trusts. The policy has been disseminated to all "
                        "health commissioners and providers via the Health Governance Group",
                        "complete",
                    ),
                ],
            ),
            (
                "R15",
                "Ensure the development of a workforce strategy in line with the "
                "children's services review",
                [
                    A(
                        "Agree scope, format and development plan for strategy with senior "
                        "management team. Plan actions to develop strategy as agreed. Write "
                        "strategy. Consult on strategy. Revise strategy. Agree strategy.",
                        "We have the skills and capacity to deliver improved outcomes",
                        "Ofsted 2012 unannounced report (Safeguarding)",
                        "Monitoring of the action plan which supports the workforce strategy",
                        "6 months",
                        "Emma Wilcock",
                        "Mar-13",
                        "Strategy and action plan completed and agreed by Senior Leadership Team",
                        "complete",
                    ),
                ],
            ),
        ],
    ),
    (
        "PRIORITY 7: ALL CHILDREN AND YOUNG PEOPLE IN CARE ARE KEPT HEALTHY",
        [
            (
                "R25",
                "NHS Telford and Wrekin and Telford and Wrekin Council must ensure "
                "that the outcomes from the strengths and difficulties questionnaires"
                " are used as part of the review health assessments, and that "
                "outcomes from mental health assessments, undertaken privately and "
                "through spot purchasing are embedded into health assessments and "
                "ongoing health care provision",
                [
                    A(
                        "Issue Strength and Difficulties Questionnaires (SDQ) 6 weeks before "
                        "the Review Health Assessment. (National Screening Tool a requirement"
                        " of Promoting the Health and Wellbeing of LAC - Doha/DFCS 2009)",
                        "All carers receive a SDQ 6 weeks in advance of the next planned review",
                        "Ofsted 2012 unannounced report (Children in Care)",
                        "Audit of SDQ paperwork received prior to review assessment",
                        "3 months",
                        "Helen Smith",
                        "Nov-12",
                        "System is up and running to ensure SDQs are sent out, and the return"
                        " rate is consistently over 90%",
                        "complete",
                    ),
                    A(
                        "Redesign the pathway for high SDQ scores",
                        "A pathway in place which allows CIC to receive the health services "
                        "that they need.",
                        "Ofsted 2012 unannounced report (Children in Care)",
                        "Reduction in SDQ scores for CIC",
                        "3 months",
                        "Fern Zihini",
                        "Nov-12",
                        "Pathway reviewed and agreed. To be monitored by Health of LAC "
                        "steering group.",
                        "complete",
                    ),
                    A(
                        "Review the commissioning of spot purchasing of therapeutic "
                        "interventions and mental health assessments",
                        "Clear commissioning contracts for the therapeutic interventions and "
                        "mental health assessments and clear pathways for communication.",
                        "Ofsted 2012 unannounced report (Children in Care)",
                        "Cost benefit analysis",
                        "3 months",
                        "CCG Commissioners",
                        "Jun-13",
                        "Process for accessing therapeutic interventions for children and "
                        "young people reviewed and pilot of process and pathways will "
                        "commence in September",
                        "complete",
                    ),
                ],
            ),
            (
                "R26",
                "NHS Telford and Wrekin and Telford and Wrekin Council must ensure "
                "that the outcomes of the IRO reviews are disseminated and as "
                "appropriate, form part of the ongoing health care",
                [
                    A(
                        "Record that the review assessment has been reviewed by the health "
                        "lead in the health record.",
                        "Assessments reviewed and subsequent action documented",
                        "Ofsted 2012 unannounced report (Children in Care)",
                        "Improved Health of CIC",
                        "3 months",
                        "Fern Zihini",
                        "Nov-12",
                        "It is now standard procedure for school nurses and health visitors "
                        "who attend reviews to receive copies of the notes and file in health"
                        " files.",
                        "complete",
                    ),
                ],
            ),
            (
                "R27",
                "NHS Telford and Wrekin must ensure that there is robust performance "
                "monitoring and quality assurance of health assessments including "
                "that consent has been obtained and recorded prior to the health "
                "assessment taking place and that as appropriate the child agrees to "
                "the health action plan.",
                [
                    A(
                        "Social worker reviews the health plan upon it's return for basic "
                        "completeness and legibility and if concerned contact LAC nurse",
                        "Robust QA in place",
                        "Ofsted 2012 unannounced report (Children in Care)",
                        "Audit of Health Plans",
                        "3 months",
                        "Fern Zihini",
                        "Aug-12",
                        "Health assessments are never undertaken without consent BAAF forms "
                        "are now used, which include consent section S/ws for CiC placed out "
                        "of area do contact Fern Z if they have any concerns about health "
                        "assessments and plans Health of LAC group is monitoring this",
                        "Complete",
                    ),
                    A(
                        "Complete annual audit of health assessments by other health "
                        "providers for children placed out of area, taking account of the "
                        "wider picture, e.g. Risk of harm and impact on transition",
                        "Robust QA in place",
                        "Ofsted 2012 unannounced report (Children in Care)",
                        "Audit of Health Assessments",
                        "6 months",
                        "Fern Zihini",
                        "Nov-12",
                        "Audit completed and reported to Health of LAC group. To be "
                        "undertaken again once Designated Paediatrician is in post.",
                        "Complete",
                    ),
                ],
            ),
        ],
    ),
    (
        "PRIORITY 8: PROVIDE EFFECTIVE TRANSITION FROM BEING IN CARE TO INDEPENDENT LIVING",
        [
            (
                "R24",
                "RECOMMENDATION End the reliance on bed and breakfast accommodation "
                "to meet the accommodation needs of care leavers",
                [
                    A(
                        "Deliver timely information and advice for post 16 options to "
                        "establish appropriate support to sustain and achieve learning, "
                        "skills and employment post 16.",
                        "reduction in care leavers dropping out of provision post 16",
                        "Ofsted 2012 unannounced report (Children in Care)",
                        "Monitoring of participation for care leavers",
                        "3 months",
                        "Sue Marston",
                        "Nov-12",
                        "There is a lot of provision available for NEET young people Job club"
                        " set up to support CiC and care leavers, but attendance is low so "
                        "plans proposals being taken to the Care Council to move from darby "
                        "House to Madeley Careers Office where there is additional support "
                        "and which is open for extended hours. Information sharing "
                        "arrangements in place to identify care leavers etc so direct contact"
                        " can be made all NEET care leavers have a careers adviser allocated "
                        "to them Regular contact is maintained with the Care Council to "
                        "consult and provide information",
                        "complete",
                    ),
                ],
            ),
        ],
    ),
]
