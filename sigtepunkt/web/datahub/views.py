from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from sigtepunkt.web.accounts.access import request_access, require


@login_required
def data_page(request):
    require(request, allowed=request_access(request).can_manage_data)
    return render(request, "datahub/data.html", {"nav": "data"})
