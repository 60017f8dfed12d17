"""The printable registration certificate (就业失业登记证), rendered to PDF by WeasyPrint.

Chinese text needs a CJK font on the server: Debian's ``fonts-wqy-microhei`` renders fast;
Noto CJK works too, more slowly (docs/operations.md)."""

from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import HTML

from jiuye.regions.models import region_path


def certificate_html(registration) -> str:
    person = registration.person
    entries = person.registrations.filter(state="approved").order_by("approved_on", "id")
    return render_to_string(
        "registration/certificate.html",
        {
            "registration": registration,
            "person": person,
            "certificate": registration.certificate,
            "entries": entries,
            "address": " ".join(region.name for region in region_path(person.region_id)[1:]),
            "printed_on": timezone.localdate(),
        },
    )


def certificate_pdf(registration) -> bytes:
    return HTML(string=certificate_html(registration)).write_pdf()
